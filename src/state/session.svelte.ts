// The workout on screen now and the last one finished: what the run and finish screens share, and
// what the rest of the app asks before doing anything that would interrupt a workout.
import type { FinishedWorkout, Workout } from './workout.svelte';

class Session {
  current = $state.raw<Workout | null>(null);
  lastFinished = $state.raw<FinishedWorkout | null>(null);
  /** The log session of the workout on screen, so it is not offered as interrupted while it runs. */
  currentLogId = $state<string | null>(null);

  /** A workout has started and not finished (running or paused): nothing may reload the page now. */
  get underway(): boolean {
    const status = this.current?.state.status;
    return status === 'running' || status === 'paused';
  }
}

export const session = new Session();
