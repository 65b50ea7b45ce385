// Workouts interrupted by a reload, a crash or a closed tab: still open in the log. The library
// offers each one to resume (paused where it was last known to be) or to end, keeping its rounds.
// The library is the first screen: the log's code is fetched only when this looks, after it shows.
import type { SessionRecord, WorkoutLogRepository } from '../storage/log';
import { storageFailure } from './database';
import { liveSessions, type LiveSessions } from './live-sessions';
import { session } from './session.svelte';

const loadLog = () => import('./log-repository').then((m) => m.workoutLog());

export class InterruptedWorkouts {
  list = $state.raw<SessionRecord[]>([]);
  problem = $state<string | null>(null);

  constructor(
    private readonly repository: () => Promise<WorkoutLogRepository> = loadLog,
    private readonly live: LiveSessions = liveSessions,
  ) {}

  /** Reads the open sessions, leaving out the one this page is running and those running in other tabs. */
  async load(): Promise<void> {
    try {
      const open = await (await this.repository()).openSessions();
      this.list = await this.live.leftOpen(open.filter((s) => s.id !== session.currentLogId));
      this.problem = null;
    } catch (err) {
      this.problem = `Interrupted workouts cannot be checked: ${storageFailure(err)}.`;
    }
  }

  /**
   * Ends an interrupted workout where it was last known to be; its rounds stay in the log. It ends
   * completed when every round it planned is in the log (the page went away at the very end).
   */
  async end(id: string): Promise<void> {
    const found = this.list.find((s) => s.id === id);
    if (!found) return;
    try {
      const [log, { roundId }] = await Promise.all([this.repository(), import('../storage/log-schema')]);
      const logged = (await log.getSession(id))?.rounds.map((r) => r.id) ?? [];
      const planned = found.circuit.blocks.flatMap((b, i) =>
        Array.from({ length: b.rounds }, (_, r) => roundId(id, i, r + 1)),
      );
      const status = planned.every((round) => logged.includes(round)) ? 'completed' : 'abandoned';
      await log.closeSession(id, status, found.startedAt + found.run.lastKnownMs, found.run);
      this.list = this.list.filter((s) => s.id !== id);
    } catch (err) {
      this.problem = `That workout could not be ended: ${storageFailure(err)}.`;
    }
  }
}

export const interrupted = new InterruptedWorkouts();
