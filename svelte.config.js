import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

export default {
  preprocess: vitePreprocess(),
  compilerOptions: {
    runes: true,
    // Scoped class names as "s" and the hash rather than "svelte-" and the hash: they recur in every
    // component's markup and styles, and the shorter prefix takes about 4 KB off the precache.
    cssHash: ({ hash, css }) => `s${hash(css)}`,
  },
};
