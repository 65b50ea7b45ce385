// Keeps a run's cues going: sounds placed ahead on the audio clock, spoken lines and vibrations
// started as they come due, on every tick and at once after every control. A hidden page gets a
// longer sound horizon, a cushion in case its ticks come late.
import type { Clock } from '../engine/clock';
import type { Runner, RunState } from '../engine/runner';
import { project } from './cue-plan';
import { CueScheduler, type CueOutput } from './scheduler';
import { activeCues, type SoundSettings } from './settings';
import { startTicker } from './ticker';
import { FINISH_BUZZ, FINISH_LINE, FINISH_LINE_DELAY_MS, buzzes, voiceLines } from './voice-plan';

export const VISIBLE_HORIZON_MS = 200;
export const HIDDEN_HORIZON_MS = 5000;
/** A line or vibration this late is dropped: a stale "Next: rows" is worse than none. */
const ACT_LATE_MS = 1500;
/** Float noise in clock sums: an instant this close to the resume is at the resume. */
const SAME_MS = 0.001;

export interface CueLoopParts {
  out: CueOutput;
  speaker: {
    say(text: string): void;
    cancel(): void;
    configure(voiceName: string | null, rate: number, volume: number): void;
  } | null;
  vibrate: ((pattern: number[]) => void) | null;
  settings: () => SoundSettings;
}

export class CueLoop {
  private readonly scheduler: CueScheduler;
  private stopTicker: (() => void) | null = null;
  private fired = new Set<string>();
  private finished = false;
  private voiceConfig = '';

  constructor(
    private readonly runner: Runner,
    private readonly clock: Clock,
    private readonly parts: CueLoopParts,
  ) {
    this.scheduler = new CueScheduler(parts.out, activeCues(parts.settings()));
  }

  /** Re-plans now: call after every control (pause, skip, back, +10 s, done, restart). */
  update = (): void => {
    const settings = this.parts.settings();
    const now = this.clock.now();
    const state = this.runner.state(now);
    const hidden = typeof document !== 'undefined' && document.visibilityState === 'hidden';
    this.scheduler.setOptions(activeCues(settings));
    this.scheduler.update(this.runner.timeline, state, now, hidden ? HIDDEN_HORIZON_MS : VISIBLE_HORIZON_MS);
    this.act(state, now, settings);
  };

  private act(state: RunState, now: number, settings: SoundSettings): void {
    const { speaker, vibrate } = this.parts;
    const config = `${settings.voiceName}|${settings.voiceRate}|${settings.volume}`;
    if (speaker && config !== this.voiceConfig) {
      speaker.configure(settings.voiceName, settings.voiceRate, settings.volume);
      this.voiceConfig = config;
    }
    if (state.status === 'finished') {
      if (this.finished) return;
      this.finished = true;
      if (settings.vibration) vibrate?.(FINISH_BUZZ);
      if (settings.voice && speaker) {
        const wait = FINISH_LINE_DELAY_MS - (now - (state.finishedAt ?? now));
        setTimeout(() => speaker.say(FINISH_LINE), Math.max(0, wait));
      }
      return;
    }
    const timeline = this.runner.timeline;
    // A resume moves the part's start, and so the keys of what it already said and felt: what falls
    // before the resume belongs to the time before the pause, done then or stale now.
    const from = Math.max(now - ACT_LATE_MS, this.lastResume() - SAME_MS);
    const due = project(timeline, state, from, now + 1, (i) => [
      ...(settings.voice && speaker ? voiceLines(timeline, i, settings.voiceRate) : []).map((line) => ({
        ...line,
        name: `voice:${line.name}`,
        pattern: null,
      })),
      ...(settings.vibration && vibrate ? buzzes(timeline, i) : []).map((buzz) => ({
        ...buzz,
        name: `buzz:${buzz.name}`,
        text: null,
      })),
    ]);
    for (const item of due) {
      if (this.fired.has(item.key)) continue;
      this.fired.add(item.key);
      if (item.pattern) vibrate?.(item.pattern);
      else if (item.text) speaker?.say(item.text);
      else speaker?.cancel(); // the pips are next: nothing may talk over them
    }
    if (this.fired.size > 2000) this.fired = new Set([...this.fired].slice(-500));
  }

  /** The clock instant of the run's latest resume, or -Infinity. */
  private lastResume(): number {
    const events = this.runner.runLog.events;
    for (let i = events.length - 1; i >= 0; i--) if (events[i]!.type === 'resume') return events[i]!.at;
    return -Infinity;
  }

  /** Ticks while the run is running; the returned stop ends the ticks. */
  start(): () => void {
    this.stopTicker?.();
    this.stopTicker = startTicker(this.update);
    this.update();
    return () => {
      this.stopTicker?.();
      this.stopTicker = null;
      // Paused: cancel what was placed ahead and stop talking; finished: let the end play out.
      this.update();
      if (!this.finished) this.parts.speaker?.cancel();
    };
  }

  /** Leaving the run: silence everything not yet played. */
  dispose(): void {
    this.stopTicker?.();
    this.scheduler.stop();
    this.parts.speaker?.cancel();
  }
}
