import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';

/** Enough work that a timer's resolution and one scheduler tick are noise (about 0.1 s). */
const ITERATIONS = 20_000;
const TRIALS = 5;

/**
 * One reading's worth of what the server does, in miniature: parse a batch, check it, build a
 * row, hash an audit entry, index it. A fixed amount of work, so its time is the machine's speed
 * for this kind of code (one core, V8 and OpenSSL), not Vigil's.
 * @param {number} seq
 * @param {Map<string, object>} latest
 */
function oneReading(seq, latest) {
  const text = `{"samples":[{"deviceSeq":${seq},"takenAt":"2026-12-07T10:00:00.000Z","heartRate":${60 + (seq % 40)},"systolic":128,"diastolic":82,"spo2":97,"respiratoryRate":14}]}`;
  const [sample] = JSON.parse(text).samples;
  if (sample.spo2 < 50 || sample.spo2 > 100 || sample.heartRate > 250)
    throw new Error('out of range');
  const row = {
    ...sample,
    sessionId: `session-${seq % 500}`,
    receivedAt: new Date(seq).toISOString(),
  };
  const hash = createHash('sha256').update(JSON.stringify(row)).digest('hex');
  latest.set(row.sessionId, { ...row, hash });
  return hash.charCodeAt(0);
}

/**
 * How fast this machine is, so that figures from different machines can be compared: the best of
 * five trials of the same fixed work, in ms. Run before anything else starts, and again at the
 * end, to show whether the machine's speed changed under the benchmark (a busy neighbour on a
 * shared host).
 * @returns {{ ms: number }}
 */
export function probeCpu() {
  let best = Infinity;
  let sink = 0;
  for (let trial = 0; trial < TRIALS; trial++) {
    const latest = new Map();
    const start = performance.now();
    for (let seq = 0; seq < ITERATIONS; seq++) sink += oneReading(seq, latest);
    best = Math.min(best, performance.now() - start);
  }
  // The sum is read so the work cannot be optimised away.
  if (sink < 0) throw new Error('unreachable');
  return { ms: best };
}
