import { describe, expect, it } from 'vitest';
import { ALL_CUES, segmentCues } from '../../../src/audio/cue-plan';
import { speechMs, voiceLines } from '../../../src/audio/voice-plan';
import { compileCircuit } from '../../../src/engine/timeline';
import { block, circuit, step } from '../fixtures';

const rows = { id: 'rows', name: 'Bent-over row', perSide: false, tips: ['Keep your back flat.'] };

/** An ordinary warm-up block, then 3 stations × 2 rounds of 30 s work / 15 s rest. */
function timeline(seconds = { work: 30, rest: 15 }) {
  const station = (name: string) => step(name, { workSeconds: seconds.work, restSeconds: seconds.rest });
  return compileCircuit(
    circuit(
      [
        block([step('Rows', { exercise: rows, workSeconds: 20, restSeconds: 0 })], {
          name: 'Opener',
          restAfterSeconds: 30,
        }),
        block([station('Rows'), station('Face pulls'), station('Bird-dogs')], { rounds: 2, stations: true }),
      ],
      { prepSeconds: 10 },
    ),
  );
}

const said = (t: ReturnType<typeof timeline>, rate = 1) =>
  t.segments.map((s) => [s.label, voiceLines(t, s.index, rate).find((l) => l.text)?.text ?? null]);

describe('the voice in a station block', () => {
  it('says Go at each station, not an exercise, and Rotate with the rotations left at each rest', () => {
    expect(said(timeline())).toEqual([
      ['Get ready', 'Get ready. First up: Bent-over row.'],
      ['Bent-over row', 'Bent-over row.'],
      ['Rest before next block', 'Next: stations. Go to your first station.'],
      ['Stations — interval 1/6', 'Go.'],
      ['Rotate', 'Rotate. 5 rotations left.'],
      ['Stations — interval 2/6', 'Go.'],
      ['Rotate', 'Rotate. 4 rotations left.'],
      ['Stations — interval 3/6', 'Go.'],
      ['Rotate — round rest', 'Rotate. 3 rotations left.'],
      ['Stations — interval 4/6', 'Last round. Go.'],
      ['Rotate', 'Rotate. 2 rotations left.'],
      ['Stations — interval 5/6', 'Go.'],
      ['Rotate', 'Rotate. Last rotation.'],
      ['Stations — interval 6/6', 'Last station. Go.'],
    ]);
  });

  it('says only “Rotate” when the rest is too short for the count, and nothing over the pips', () => {
    for (const rest of [3, 4, 5, 6]) {
      const t = timeline({ work: rest, rest });
      for (const seg of t.segments.filter((s) => s.station)) {
        const pips = segmentCues(t, seg.index, ALL_CUES)
          .filter((c) => c.sound === 'pip')
          .map((c) => seg.duration! + c.offsetMs);
        for (const rate of [0.5, 1, 2])
          for (const line of voiceLines(t, seg.index, rate).filter((l) => l.text))
            expect(line.offsetMs + speechMs(line.text, rate), `${line.text} in ${seg.label}`).toBeLessThanOrEqual(
              pips[0] ?? seg.duration!,
            );
      }
    }
    const t = timeline({ work: 30, rest: 5 });
    const rest = t.segments.find((s) => s.label === 'Rotate')!;
    expect(voiceLines(t, rest.index, 1)[0]?.text).toBe('Rotate.');
  });

  it('keeps the tones, the pips and the last-round marker in a station block', () => {
    const t = timeline();
    const cues = (label: string, nth = 0) =>
      segmentCues(t, t.segments.filter((s) => s.label === label)[nth]!.index, ALL_CUES).map((c) => c.sound);
    expect(cues('Stations — interval 1/6')).toEqual(['workStart', 'halfway', 'pip', 'pip', 'pip']);
    expect(cues('Rotate')).toEqual(['restStart', 'pip', 'pip', 'pip']);
    expect(cues('Rotate — round rest')).toEqual(['restStart', 'pip', 'pip', 'pip']);
    expect(cues('Stations — interval 4/6')).toEqual(['lastRound', 'halfway', 'pip', 'pip', 'pip']);
    expect(cues('Stations — interval 6/6')).toEqual(['workStart', 'halfway', 'pip', 'pip', 'pip', 'finish']);
    expect(t.segments.some((s) => s.kind === 'switch')).toBe(false);
  });
});
