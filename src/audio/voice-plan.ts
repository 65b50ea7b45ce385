// What the voice says and when the phone vibrates, placed against segments like the sound cues.
// Lines are chosen to end before the 3-2-1 pips; a cut just ahead of the first pip silences any that
// overrun.
import { rotationsLeft, type Timeline } from '../engine/timeline';
import { countdownPips, type Placement } from './cue-plan';

export interface VoiceLine extends Placement {
  /** What to say; empty for a cut (stop speaking). */
  text: string;
}

export interface Buzz extends Placement {
  pattern: number[];
}

/** Roughly how long a line takes to say: ~2.6 words a second at rate 1, plus a breath. */
export function speechMs(text: string, rate: number): number {
  const words = text.split(/\s+/).filter(Boolean).length;
  return Math.round((words / 2.6) * (1000 / rate)) + 300;
}

const SPEAK_AFTER_TONE_MS = 600;
const MARGIN_MS = 300;
/** The cut is started on a tick (every 25 ms), not on the audio clock: ahead of the pip by a few ticks. */
const CUT_LEAD_MS = 100;

/** The first line that fits in `windowMs` at this rate, or null. */
function fitting(lines: string[], windowMs: number, rate: number): string | null {
  return lines.find((line) => speechMs(line, rate) <= windowMs) ?? null;
}

const spoken = (label: string) => label.replace(' — ', ', ');

/** The spoken lines of segment `index` at speech `rate`. */
export function voiceLines(timeline: Timeline, index: number, rate: number): VoiceLine[] {
  const seg = timeline.segments[index];
  if (!seg) return [];
  const lines: VoiceLine[] = [];
  const say = (name: string, offsetMs: number, options: string[], windowMs: number) => {
    const text = fitting(options, windowMs, rate);
    if (text) lines.push({ name, from: 'start', offsetMs, text });
  };
  // Room to speak before the first pip, as the cue plan places it (or before the end, when there is none).
  const pips = countdownPips(seg);
  const firstPipMs = pips[0] === undefined ? null : pips[0] * 1000; // before the end
  const room = (offset: number) =>
    seg.duration === null ? Infinity : seg.duration - (firstPipMs ?? 0) - offset - MARGIN_MS;
  const next = seg.nextWork === null ? null : timeline.segments[seg.nextWork]!;
  // Stations start each group at its own station: what is next is the stations, not one exercise.
  const nextName = next?.station ? 'stations' : next ? spoken(next.label) : '';
  const tip = next?.station ? 'Go to your first station.' : (next?.exercise?.tips[0] ?? '');
  const p = seg.position;
  const station = seg.station;

  switch (seg.kind) {
    case 'prep':
      if (next)
        say('intro', MARGIN_MS, [`Get ready. First up: ${nextName}.`, `First up: ${nextName}.`], room(MARGIN_MS));
      break;
    case 'warmup':
      say('intro', SPEAK_AFTER_TONE_MS, ['Warm-up.'], room(SPEAK_AFTER_TONE_MS));
      break;
    case 'cooldown':
      say('intro', SPEAK_AFTER_TONE_MS, ['Cool-down. Well done.', 'Cool-down.'], room(SPEAK_AFTER_TONE_MS));
      break;
    case 'work': {
      const last = p !== null && p.rounds > 1 && p.round === p.rounds && p.step === 0 && seg.side !== 'right';
      if (station) {
        // Each station does a different exercise: the room hears only when to start.
        const lastStation = station.intervals > 1 && rotationsLeft(station) === 0;
        const first = last ? ['Last round. Go.'] : lastStation ? ['Last station. Go.'] : [];
        say('intro', SPEAK_AFTER_TONE_MS, [...first, 'Go.'], room(SPEAK_AFTER_TONE_MS));
        break;
      }
      const name = spoken(seg.label);
      say(
        'intro',
        SPEAK_AFTER_TONE_MS,
        last ? [`Last round. ${name}.`, `${name}.`] : [`${name}.`],
        room(SPEAK_AFTER_TONE_MS),
      );
      break;
    }
    case 'rest':
    case 'roundRest':
      if (station) {
        // Counted as on the station map: this rotation and those after it.
        const left = rotationsLeft(station);
        const count = left === 1 ? 'Last rotation.' : `${left} rotations left.`;
        say('intro', SPEAK_AFTER_TONE_MS, [`Rotate. ${count}`, 'Rotate.'], room(SPEAK_AFTER_TONE_MS));
      } else if (next)
        say(
          'intro',
          SPEAK_AFTER_TONE_MS,
          [tip ? `Next: ${nextName}. ${tip}` : '', `Next: ${nextName}.`].filter(Boolean),
          room(SPEAK_AFTER_TONE_MS),
        );
      break;
    case 'switch':
      say('intro', MARGIN_MS, ['Switch sides.'], room(MARGIN_MS));
      break;
  }
  if (firstPipMs !== null) lines.push({ name: 'cut', from: 'end', offsetMs: -firstPipMs - CUT_LEAD_MS, text: '' });
  return lines;
}

const PATTERNS = {
  work: [150, 80, 150],
  rest: [400],
};

/** Said and felt once the workout is over (the run no longer ticks, so these are not placed). */
export const FINISH_LINE = 'Workout complete.';
export const FINISH_LINE_DELAY_MS = 1100; // after the finish sound
export const FINISH_BUZZ = [300, 100, 300, 100, 600];

/** The vibrations of segment `index`: at work start and at rest start. */
export function buzzes(timeline: Timeline, index: number): Buzz[] {
  const seg = timeline.segments[index];
  if (!seg) return [];
  const out: Buzz[] = [];
  if (seg.kind === 'work') out.push({ name: 'start', from: 'start', offsetMs: 0, pattern: PATTERNS.work });
  if (seg.kind === 'rest' || seg.kind === 'roundRest')
    out.push({ name: 'start', from: 'start', offsetMs: 0, pattern: PATTERNS.rest });
  return out;
}
