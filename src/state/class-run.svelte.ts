// A class link's run: the circuit and the wall-clock instant the class starts, carried in the link.
// Every phone that opens it places that instant on its own monotonic clock and derives the same
// timeline from it, so all of them are in step — a late joiner lands at the right second.
import { monotonicClock, type Clock } from '../engine/clock';
import { classRefusal, decodeShare } from '../share/link';
import { Workout } from './workout.svelte';

/** A class link older than this is over for everyone, however long its circuit. */
const STALE_AFTER_MS = 24 * 3600_000;

export class ClassRun {
  workout = $state.raw<Workout | null>(null);
  /** Why the link cannot be followed, for the person. */
  error = $state<string | null>(null);
  /** The class's start, wall-clock ms. */
  startsAt = $state<number | null>(null);

  constructor(
    private readonly clock: Clock = monotonicClock,
    /** The wall clock (ms since 1970), read once to place the start on the monotonic clock. */
    private readonly wallNow: () => number = Date.now,
  ) {}

  async open(payload: string): Promise<void> {
    const decoded = await decodeShare(payload);
    if (!decoded.ok) {
      this.error = decoded.message;
      return;
    }
    const { circuit, classStartsAt } = decoded.payload;
    if (classStartsAt === undefined) {
      this.error = 'This link shares a circuit but schedules no class: open it as a shared circuit instead.';
      return;
    }
    const refusal = classRefusal(circuit);
    if (refusal) {
      this.error = refusal;
      return;
    }
    if (this.wallNow() - classStartsAt > STALE_AFTER_MS) {
      this.error = `This class started on ${new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(classStartsAt)} and is over.`;
      return;
    }
    this.startsAt = classStartsAt;
    // The one reading of the wall clock: from here on, time is the monotonic clock's.
    const startedAt = classStartsAt - this.wallNow() + this.clock.now();
    this.workout = new Workout(circuit, this.clock, () => {}, { startedAt, events: [] });
  }
}
