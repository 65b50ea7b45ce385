// Runs unit tests on Node with Vite's client transform, so .svelte.ts modules compile as they do
// in the browser: $derived caches and invalidates, $state is reactive (the ssr build would not).
import type { Environment } from 'vitest/environments';

export default {
  name: 'client-node',
  viteEnvironment: 'client',
  setup() {
    return { teardown() {} };
  },
} satisfies Environment;
