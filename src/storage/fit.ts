// A workout from the log as a FIT activity file (Garmin's format, read by Garmin Connect, Strava and
// most training apps): one session, a lap per round, a set per exercise and per rest. Loaded on demand:
// the SDK's profile is large.
import { Encoder, Profile, Utils, type Encodable, type Mesg } from '@garmin/fitsdk';
import { exerciseEntry, type RoundRecord, type SessionRecord } from './log';

export type FitSubSport = 'strengthTraining' | 'cardioTraining';

type MesgName =
  'FILE_ID' | 'DEVICE_INFO' | 'EVENT' | 'WORKOUT' | 'WORKOUT_STEP' | 'RECORD' | 'SET' | 'LAP' | 'SESSION' | 'ACTIVITY';

/** Text fields are cut to this many UTF-8 bytes: a FIT field holds at most 255. */
const MAX_TEXT_BYTES = 100;

/**
 * Encodes a session and its rounds. Times are the wall clock as logged; a lap runs from the start of
 * the round's first exercise (its work and rest laid end to end before the round completed) to the
 * round's completion. Pauses in the run become timer stop/start events and are left out of the timer
 * time. The sub-sport is strength training when reps or a load were entered or a step counts reps,
 * cardio training otherwise; pass `subSport` to choose.
 */
export function sessionToFit(
  session: SessionRecord,
  rounds: readonly RoundRecord[],
  { subSport = guessSubSport(session, rounds) }: { subSport?: FitSubSport } = {},
): Uint8Array {
  const ordered = rounds
    .filter((r) => r.sessionId === session.id)
    .sort((a, b) => a.completedAt - b.completedAt || a.blockIndex - b.blockIndex || a.round - b.round);
  const start = session.startedAt;
  const lastRoundEnd = Math.max(start, ...ordered.map(roundEnd));
  const end = Math.max(session.endedAt ?? start + session.run.lastKnownMs, lastRoundEnd);
  const elapsedS = (end - start) / 1000;
  const timerS = Math.min(elapsedS, activeMs(session) / 1000);
  const sport = 'training';
  const mesgs: Encodable<Mesg>[] = [];
  const add = (mesgNum: number, mesg: Record<string, unknown>) => mesgs.push({ mesgNum, ...mesg });
  const M = Profile.MesgNum as Readonly<Record<MesgName, number>>;

  add(M.FILE_ID, { type: 'activity', manufacturer: 'development', product: 0, timeCreated: fitTime(start) });
  add(M.DEVICE_INFO, {
    timestamp: fitTime(start),
    deviceIndex: 'creator',
    manufacturer: 'development',
    product: 0,
    productName: 'Circuit Timer',
  });

  // The circuit as a workout, a step per exercise, so that each set can name its exercise.
  const steps = new Map<string, { index: number; name: string }>();
  for (const round of ordered)
    for (const e of round.exercises) {
      const key = `${round.blockIndex}/${e.stepId}`;
      if (!steps.has(key)) steps.set(key, { index: steps.size, name: e.name });
    }
  add(M.WORKOUT, { wktName: fitText(session.circuit.name), sport, subSport, numValidSteps: steps.size });
  for (const { index, name } of steps.values())
    add(M.WORKOUT_STEP, { messageIndex: index, wktStepName: fitText(name), durationType: 'open', intensity: 'active' });

  add(M.EVENT, { timestamp: fitTime(start), event: 'timer', eventType: 'start' });
  add(M.RECORD, { timestamp: fitTime(start) });
  for (const { type, at } of session.run.events) {
    if (type !== 'pause' && type !== 'resume') continue;
    const when = Math.min(end, start + at);
    add(M.EVENT, { timestamp: fitTime(when), event: 'timer', eventType: type === 'pause' ? 'stopAll' : 'start' });
  }

  let setIndex = 0;
  let lapStart = start;
  const laps: Record<string, unknown>[] = [];
  for (const round of ordered) {
    // The round's exercises end to end, the last one's work ending as the round completed.
    const last = round.exercises.length - 1;
    const beforeEnd = round.exercises.reduce((sum, e, i) => sum + e.workMs + (i < last ? e.restMs : 0), 0);
    const from = Math.max(lapStart, round.completedAt - beforeEnd);
    const to = roundEnd(round);
    let at = round.completedAt - beforeEnd;
    for (const [i, e] of round.exercises.entries()) {
      const step = steps.get(`${round.blockIndex}/${e.stepId}`)!.index;
      const done = e.outcome === 'done';
      const entry = exerciseEntry(round, i);
      add(M.SET, {
        messageIndex: setIndex++,
        timestamp: fitTime(at + e.workMs),
        startTime: fitTime(at),
        duration: e.workMs / 1000,
        setType: 'active',
        wktStepIndex: step,
        ...(done && entry.reps !== null ? { repetitions: entry.reps } : {}),
        ...(done && entry.loadKg !== null ? { weight: entry.loadKg } : {}),
      });
      at += e.workMs;
      if (e.restMs > 0) {
        add(M.SET, {
          messageIndex: setIndex++,
          timestamp: fitTime(at + e.restMs),
          startTime: fitTime(at),
          duration: e.restMs / 1000,
          setType: 'rest',
          wktStepIndex: step,
        });
        at += e.restMs;
      }
    }
    const lapElapsed = (to - from) / 1000;
    const lapActive = round.exercises.reduce((sum, e) => sum + e.workMs + e.restMs, 0) / 1000;
    add(M.RECORD, { timestamp: fitTime(to) });
    laps.push({
      messageIndex: laps.length,
      timestamp: fitTime(to),
      startTime: fitTime(from),
      totalElapsedTime: lapElapsed,
      totalTimerTime: Math.min(lapElapsed, lapActive),
      event: 'lap',
      eventType: 'stop',
      lapTrigger: 'manual',
      sport,
      subSport,
    });
    lapStart = to;
  }
  // An activity has at least one lap: a workout left before its first round is one lap of its whole time.
  if (laps.length === 0)
    laps.push({
      messageIndex: 0,
      timestamp: fitTime(end),
      startTime: fitTime(start),
      totalElapsedTime: elapsedS,
      totalTimerTime: timerS,
      event: 'lap',
      eventType: 'stop',
      lapTrigger: 'sessionEnd',
      sport,
      subSport,
    });

  add(M.RECORD, { timestamp: fitTime(end) });
  add(M.EVENT, { timestamp: fitTime(end), event: 'timer', eventType: 'stopAll' });
  for (const lap of laps) add(M.LAP, lap);
  add(M.SESSION, {
    messageIndex: 0,
    timestamp: fitTime(end),
    startTime: fitTime(start),
    totalElapsedTime: elapsedS,
    totalTimerTime: timerS,
    event: 'session',
    eventType: 'stop',
    trigger: 'activityEnd',
    sport,
    subSport,
    firstLapIndex: 0,
    numLaps: laps.length,
  });
  add(M.ACTIVITY, {
    timestamp: fitTime(end),
    totalTimerTime: timerS,
    numSessions: 1,
    type: 'manual',
    event: 'activity',
    eventType: 'stop',
    // Local time of the end, so that readers show the person's own clock.
    localTimestamp: fitTime(end) - new Date(end).getTimezoneOffset() * 60,
  });

  const encoder = new Encoder();
  for (const mesg of mesgs) encoder.writeMesg(mesg);
  return encoder.close();
}

/** `circuit-timer-2026-11-25-friday-back.fit`: the workout's local start date and its circuit. */
export function fitFilename(session: SessionRecord): string {
  const d = new Date(session.startedAt);
  const date = [d.getFullYear(), d.getMonth() + 1, d.getDate()].map((n) => String(n).padStart(2, '0')).join('-');
  const slug = session.circuit.name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return `circuit-timer-${date}${slug ? `-${slug}` : ''}.fit`;
}

/** Seconds since the FIT epoch (1989-12-31T00:00:00Z), whole, as FIT stores them. */
export function fitTime(ms: number): number {
  return Math.round(Utils.convertDateToDateTime(new Date(ms)));
}

function roundEnd(round: RoundRecord): number {
  return round.completedAt + (round.exercises.at(-1)?.restMs ?? 0);
}

/** Time the run was running (its time on the run's clock less its pauses), ms. */
function activeMs({ run }: SessionRecord): number {
  let paused = 0;
  let since: number | null = null;
  for (const { type, at } of run.events) {
    if (type === 'pause' && since === null) since = at;
    else if (type === 'resume' && since !== null) {
      paused += Math.max(0, at - since);
      since = null;
    }
  }
  if (since !== null) paused += Math.max(0, run.lastKnownMs - since);
  return Math.max(0, run.lastKnownMs - paused);
}

function guessSubSport(session: SessionRecord, rounds: readonly RoundRecord[]): FitSubSport {
  const counted = session.circuit.blocks.some((b) => b.steps.some((s) => s.mode === 'reps'));
  const entered = rounds.some((r) =>
    r.exercises.some((_, i) => {
      const entry = exerciseEntry(r, i);
      return entry.reps !== null || entry.loadKg !== null;
    }),
  );
  return counted || entered ? 'strengthTraining' : 'cardioTraining';
}

/** Text cut to what a FIT string field holds, never in the middle of a character. */
function fitText(text: string): string {
  const encoder = new TextEncoder();
  let out = '';
  let bytes = 0;
  for (const char of text.trim()) {
    bytes += encoder.encode(char).length;
    if (bytes > MAX_TEXT_BYTES) break;
    out += char;
  }
  return out;
}
