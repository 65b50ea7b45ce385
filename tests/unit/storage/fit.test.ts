// FIT export: a logged workout encodes to a file that Garmin's own decoder reads back whole, with the
// start, the elapsed and timer times, the sport, a lap per round and a set per exercise and rest.
import { describe, expect, it } from 'vitest';
import { Decoder, Stream } from '@garmin/fitsdk';
import { fitFilename, fitTime, sessionToFit } from '../../../src/storage/fit';
import {
  LOG_RECORD_VERSION,
  exerciseKeys,
  roundId,
  type RoundRecord,
  type SessionRecord,
} from '../../../src/storage/log';
import { block, circuit, step } from '../fixtures';

const START = Date.UTC(2026, 10, 25, 7, 30, 0);

const testCircuit = circuit(
  [block([step('Rows', { id: 'rows' }), step('Bear crawl', { id: 'crawl' })], { id: 'main', rounds: 3 })],
  { id: 'friday', name: 'Friday back' },
);

function session(over: Partial<SessionRecord> = {}): SessionRecord {
  return {
    recordVersion: LOG_RECORD_VERSION,
    id: 'session-1',
    circuitId: testCircuit.id,
    circuit: structuredClone(testCircuit),
    startedAt: START,
    // 10 s get-ready, three rounds of 30 s rows, 10 s rest, 30 s crawl, then 20 s of round rest.
    endedAt: START + 10_000 + 3 * 90_000,
    status: 'completed',
    run: { events: [], lastKnownMs: 10_000 + 3 * 90_000 },
    updatedAt: START,
    ...over,
  };
}

function round(n: number, over: Partial<RoundRecord> = {}): RoundRecord {
  const exercises: RoundRecord['exercises'] = [
    {
      stepId: 'rows',
      exerciseId: 'seated-cable-row',
      name: 'Rows',
      perSide: false,
      plannedWorkMs: 30_000,
      workMs: 30_000,
      plannedRestMs: 10_000,
      restMs: 10_000,
      outcome: 'done',
    },
    {
      stepId: 'crawl',
      exerciseId: null,
      name: 'Bear crawl',
      perSide: false,
      plannedWorkMs: 30_000,
      workMs: 30_000,
      plannedRestMs: 0,
      restMs: 0,
      outcome: 'done',
    },
  ];
  return {
    recordVersion: LOG_RECORD_VERSION,
    id: roundId('session-1', 0, n),
    sessionId: 'session-1',
    blockIndex: 0,
    blockId: 'main',
    blockName: 'Main',
    round: n,
    rounds: 3,
    exercises,
    exerciseKeys: exerciseKeys(exercises),
    // Round n's work starts at 10 s + (n-1) × 90 s and its last exercise ends 70 s later.
    completedAt: START + 10_000 + (n - 1) * 90_000 + 70_000,
    reps: null,
    loadKg: null,
    rpe: null,
    ...over,
  };
}

function decode(bytes: Uint8Array) {
  const stream = Stream.fromByteArray([...bytes]);
  const decoder = new Decoder(stream);
  return { isFIT: decoder.isFIT(), intact: decoder.checkIntegrity(), ...decoder.read() };
}

describe('sessionToFit', () => {
  it('a session of 3 rounds decodes with its start, times, sport, a lap per round and a set per part', () => {
    const rounds = [round(1), round(2, { reps: 12, loadKg: 22.5 }), round(3)];
    const { isFIT, intact, messages, errors } = decode(sessionToFit(session(), rounds));
    expect(errors).toEqual([]);
    expect(isFIT).toBe(true);
    expect(intact).toBe(true);

    const [fileId] = messages.fileIdMesgs!;
    expect(fileId).toMatchObject({ type: 'activity', manufacturer: 'development', timeCreated: new Date(START) });

    const [s] = messages.sessionMesgs!;
    expect(messages.sessionMesgs).toHaveLength(1);
    expect(s).toMatchObject({
      startTime: new Date(START),
      timestamp: new Date(START + 280_000),
      totalElapsedTime: 280,
      totalTimerTime: 280,
      sport: 'training',
      subSport: 'strengthTraining', // reps and a load were entered
      numLaps: 3,
    });

    const laps = messages.lapMesgs!;
    expect(laps).toHaveLength(3);
    for (const [i, lap] of laps.entries()) {
      const lapStart = START + 10_000 + i * 90_000;
      expect(lap).toMatchObject({
        startTime: new Date(lapStart),
        timestamp: new Date(lapStart + 70_000),
        totalElapsedTime: 70,
        totalTimerTime: 70,
      });
    }

    // Per round: rows (active), its rest, crawl (active); the crawl's rest belongs to the round.
    const sets = messages.setMesgs!;
    expect(sets.map((s) => s.setType)).toEqual(Array(3).fill(['active', 'rest', 'active']).flat());
    expect(sets.map((s) => s.duration)).toEqual(Array(3).fill([30, 10, 30]).flat());
    expect(sets[3]).toMatchObject({ repetitions: 12, weight: 22.5, startTime: new Date(START + 100_000) });
    expect(sets[0]!.repetitions).toBeUndefined();
    // Each set names its exercise through the workout's steps.
    const stepNames = messages.workoutStepMesgs!.map((w) => w.wktStepName);
    expect(sets.map((s) => stepNames[s.wktStepIndex as number])).toEqual(
      Array(3).fill(['Rows', 'Rows', 'Bear crawl']).flat(),
    );
    expect(messages.workoutMesgs![0]!.wktName).toBe('Friday back');
    expect(messages.activityMesgs).toHaveLength(1);
    expect(messages.activityMesgs![0]).toMatchObject({ numSessions: 1, totalTimerTime: 280 });
  });

  it('each exercise’s set carries its own reps and load, decoded back by the SDK', () => {
    const own = round(2);
    own.exercises = own.exercises.map((e, i) =>
      i === 0 ? { ...e, reps: 10, loadKg: 40 } : { ...e, outcome: 'done', reps: 16, loadKg: 12.5 },
    );
    const { messages, errors } = decode(sessionToFit(session(), [round(1), own, round(3)]));
    expect(errors).toEqual([]);
    expect(messages.sessionMesgs![0]!.subSport).toBe('strengthTraining');
    const active = messages.setMesgs!.filter((s) => s.setType === 'active');
    expect(active.map((s) => [s.repetitions, s.weight])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
      [10, 40],
      [16, 12.5],
      [undefined, undefined],
      [undefined, undefined],
    ]);
  });

  it('pauses count in the elapsed time, not in the timer time, and are timer events', () => {
    const paused = session({
      endedAt: START + 400_000,
      run: {
        events: [
          { type: 'pause', at: 50_000 },
          { type: 'resume', at: 170_000 },
        ],
        lastKnownMs: 400_000,
      },
    });
    const { messages } = decode(sessionToFit(paused, [round(1)]));
    expect(messages.sessionMesgs![0]).toMatchObject({
      totalElapsedTime: 400,
      totalTimerTime: 280,
      subSport: 'cardioTraining',
    });
    const timer = messages.eventMesgs!.filter((e) => e.event === 'timer').map((e) => e.eventType);
    expect(timer).toEqual(['start', 'stopAll', 'start', 'stopAll']);
  });

  it('a workout left before its first round still has one lap covering it', () => {
    const left = session({ status: 'abandoned', endedAt: START + 25_000, run: { events: [], lastKnownMs: 25_000 } });
    const { messages, errors } = decode(sessionToFit(left, []));
    expect(errors).toEqual([]);
    expect(messages.lapMesgs).toHaveLength(1);
    expect(messages.lapMesgs![0]).toMatchObject({ startTime: new Date(START), totalElapsedTime: 25 });
    expect(messages.sessionMesgs![0]).toMatchObject({ numLaps: 1, totalElapsedTime: 25 });
  });

  it('long names are cut to what a FIT text field holds, whole characters only', () => {
    const named = session({ circuit: { ...structuredClone(testCircuit), name: 'Rücken — '.repeat(20) } });
    const { messages, errors } = decode(sessionToFit(named, [round(1)]));
    expect(errors).toEqual([]);
    const name = messages.workoutMesgs![0]!.wktName as string;
    expect(new TextEncoder().encode(name).length).toBeLessThanOrEqual(100);
    expect('Rücken — '.repeat(20).startsWith(name)).toBe(true);
  });

  it('FIT time counts seconds from 1989-12-31T00:00:00Z', () => {
    expect(fitTime(Date.UTC(1989, 11, 31))).toBe(0);
    expect(fitTime(Date.UTC(1990, 0, 1))).toBe(86_400);
  });

  it('names the file after the local start date and the circuit', () => {
    const s = session({ startedAt: new Date(2026, 10, 25, 7, 30).getTime() });
    expect(fitFilename(s)).toBe('circuit-timer-2026-11-25-friday-back.fit');
    expect(fitFilename({ ...s, circuit: { ...s.circuit, name: '¡¡!!' } })).toBe('circuit-timer-2026-11-25.fit');
  });
});
