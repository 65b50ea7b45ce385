// The workout on screen now and the last one finished: what the run and finish screens share, and
// what the rest of the app asks before doing anything that would interrupt a workout.
import type { FinishedWorkout, Workout } from './workout.svelte';
import { liveSessions } from './live-sessions';

class Session {
  current = $state.raw<Workout | null>(null);
  lastFinished = $state.raw<FinishedWorkout | null>(null);
  #currentLogId = $state<string | null>(null);
  #release = () => {};

  /**
   * The log session of the workout on screen, so it is not offered as interrupted while it runs: in
   * this tab, nor (through a lock held while it is set) in any other.
   */
  get currentLogId(): string | null {
    return this.#currentLogId;
  }

  set currentLogId(id: string | null) {
    if (id === this.#currentLogId) return;
    this.#release();
    this.#release = id === null ? () => {} : liveSessions.hold(id);
    this.#currentLogId = id;
  }

  /** A workout has started and not finished (running or paused): nothing may reload the page now. */
  get underway(): boolean {
    const status = this.current?.state.status;
    return status === 'running' || status === 'paused';
  }
}

export const session = new Session();
