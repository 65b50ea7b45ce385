// The display window's run: follows whatever the presenter window sends, deriving the state from
// its own clock, so it keeps time by itself if the presenter goes quiet or closes.
import { monotonicClock, type Clock } from '../engine/clock';
import { DisplayLink, openBroadcastChannel, type DisplayEvent, type MirrorCommand, type OpenChannel } from './mirror';
import { Workout } from './workout.svelte';

export type MirrorStatus = 'waiting' | 'following' | 'closed' | 'mismatch' | 'unsupported';

export class MirroredDisplay {
  workout = $state.raw<Workout | null>(null);
  status = $state<MirrorStatus>('waiting');
  /** Why the display cannot follow, for the person. */
  problem = $state<string | null>(null);
  private readonly link: DisplayLink;
  private circuitJson = '';

  constructor(
    open: OpenChannel = openBroadcastChannel,
    origin: number = performance.timeOrigin,
    private readonly clock: Clock = monotonicClock,
  ) {
    this.link = new DisplayLink(open, origin, this.onEvent);
    if (!this.link.available) {
      this.status = 'unsupported';
      this.problem = 'This browser cannot link two windows (no BroadcastChannel): run the workout in this window.';
    }
  }

  private onEvent = (event: DisplayEvent): void => {
    if (event.type === 'closed') {
      if (this.status === 'following') this.status = 'closed';
      return;
    }
    if (event.type === 'mismatch') {
      this.status = 'mismatch';
      this.problem = event.reason;
      return;
    }
    const status = this.workout?.state.status;
    // A presenter reopened on a ready screen after closing or crashing mid-run: until it resumes,
    // this display keeps time by the run it had (and says the presenter is gone).
    if (event.log.startedAt === null && (status === 'running' || status === 'paused')) return;
    this.problem = null;
    this.status = 'following';
    const json = JSON.stringify(event.circuit);
    if (this.workout && json === this.circuitJson) this.workout.adopt(event.log);
    else {
      this.circuitJson = json;
      this.workout = new Workout(event.circuit, this.clock, () => {}, event.log);
    }
  };

  /** A key pressed here: the presenter carries it out and sends the new run back. */
  send(command: MirrorCommand): void {
    this.link.send(command);
  }

  dispose(): void {
    this.link.close();
  }
}
