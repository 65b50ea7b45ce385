import { describe, expect, it } from 'vitest';
import { sweep } from '../../../src/components/sweep';

/** Just enough of a Web Animation to follow what the action asks of it. */
function fakeNode() {
  let duration = 0;
  const animation = {
    currentTime: 0 as number | null,
    playState: 'running' as AnimationPlayState,
    plays: 0,
    effect: {
      getTiming: () => ({ duration }),
      updateTiming: (t: { duration: number }) => void (duration = t.duration),
    },
    play() {
      this.plays++;
      this.playState = 'running';
    },
    pause() {
      this.playState = 'paused';
    },
    cancel() {
      this.playState = 'idle';
    },
  };
  const node = {
    animate: (_: Keyframe[], options: KeyframeAnimationOptions) => {
      duration = options.duration as number;
      return animation;
    },
  } as unknown as HTMLElement;
  return { node, animation, duration: () => duration };
}

describe('sweep', () => {
  it('sweeps the part from where the clock is, and follows the clock at each update', () => {
    const { node, animation, duration } = fakeNode();
    const action = sweep(node, { elapsedMs: 12_300, durationMs: 40_000, running: true });
    expect(duration()).toBe(40_000);
    expect(animation.currentTime).toBe(12_300);
    expect(animation.playState).toBe('running');
    action.update({ elapsedMs: 0, durationMs: 20_000, running: true });
    expect([duration(), animation.currentTime]).toEqual([20_000, 0]);
  });

  it('stands still while paused and moves on when the clock runs again', () => {
    const { node, animation } = fakeNode();
    const action = sweep(node, { elapsedMs: 5000, durationMs: 40_000, running: false });
    expect(animation.playState).toBe('paused');
    action.update({ elapsedMs: 5000, durationMs: 40_000, running: true });
    expect(animation.playState).toBe('running');
    expect(animation.currentTime).toBe(5000);
  });

  it('holds a full bar at the end instead of starting again, and an empty one for a part without a length', () => {
    const { node, animation } = fakeNode();
    const action = sweep(node, { elapsedMs: 39_000, durationMs: 40_000, running: true });
    animation.playState = 'finished';
    const plays = animation.plays;
    action.update({ elapsedMs: 40_000, durationMs: 40_000, running: true });
    expect(animation.plays).toBe(plays);
    expect(animation.currentTime).toBe(40_000);
    action.update({ elapsedMs: 7000, durationMs: null, running: true });
    expect(animation.currentTime).toBe(0);
    action.destroy();
    expect(animation.playState).toBe('idle');
  });
});
