import { DEFAULT_THRESHOLD_PROFILE, type OpenAlert, type SourcedVitalSample } from '@vigil/shared';
import { AlertEngine } from './alert-engine';

const SESSION = 'session';
const MONITOR = 'device:monitor';
const MANUAL = 'user:nurse';
const SPO2 = DEFAULT_THRESHOLD_PROFILE.rules.find((rule) => rule.code === 'SPO2_LOW')!;

/** One reading a second from `startS`, from one source. */
function readings(source: string, spo2: number[], startS = 0): SourcedVitalSample[] {
  return spo2.map((value, index) => {
    const at = new Date((startS + index) * 1000).toISOString();
    return { sessionId: SESSION, seq: null, at, receivedAt: at, source, spo2: value };
  });
}

const eventsOf = (engine: AlertEngine, samples: SourcedVitalSample[]) =>
  engine.evaluate(SESSION, samples, DEFAULT_THRESHOLD_PROFILE).map(({ event }) => event.type);

const high: OpenAlert = { priority: 'high', value: 80, threshold: 90, acknowledged: false };
const lowFor = (seconds: number) => Array<number>(seconds).fill(92);

describe('AlertEngine', () => {
  it('raises from one source although another source’s readings, interleaved, are normal', () => {
    const engine = new AlertEngine();
    const monitor = readings(MONITOR, lowFor(SPO2.delayS + 1));
    const manual = readings(MANUAL, Array<number>(SPO2.delayS + 1).fill(98), 4.9);
    // Both sources sent delayS + 1 readings.
    const interleaved = monitor.flatMap((sample, index) => [manual[index]!, sample]);
    expect(eventsOf(engine, interleaved)).toEqual(['raise']);
  });

  describe('across instances', () => {
    it('adopt: an alert opened elsewhere is not closed by an acknowledgement alone', () => {
      const engine = new AlertEngine();
      engine.adopt(SESSION, 'SPO2_LOW', high, 0);
      expect(engine.acknowledge(SESSION, 'SPO2_LOW', 1_000)).toEqual([]);
    });

    it('adopt: readings here clear for the clear time resolve it (once acknowledged, being high)', () => {
      const engine = new AlertEngine();
      engine.adopt(SESSION, 'SPO2_LOW', high, 0);
      expect(eventsOf(engine, readings(MONITOR, Array<number>(SPO2.clearS + 1).fill(98)))).toEqual(
        [],
      );
      expect(engine.acknowledge(SESSION, 'SPO2_LOW', 20_000)).toEqual([
        { sessionId: SESSION, code: 'SPO2_LOW', event: { type: 'resolve', at: 20_000 } },
      ]);
    });

    it('adopt: keeps what readings here show, so a source still low keeps the alert open', () => {
      const engine = new AlertEngine();
      eventsOf(engine, readings(MONITOR, [92, 92]));
      engine.adopt(SESSION, 'SPO2_LOW', { ...high, priority: 'medium' }, 2_000);
      expect(eventsOf(engine, readings(MANUAL, Array<number>(20).fill(98), 2))).toEqual([]);
      expect(engine.acknowledge(SESSION, 'SPO2_LOW', 30_000)).toEqual([]);
    });

    it('acknowledgedElsewhere: where no readings arrive, only notes the acknowledgement', () => {
      const engine = new AlertEngine();
      engine.adopt(SESSION, 'SPO2_LOW', high, 0);
      expect(engine.acknowledgedElsewhere(SESSION, 'SPO2_LOW', high, 1_000)).toEqual([]);
      // Noted as acknowledged: a later worsening here is news again, a recovery here closes it.
      expect(eventsOf(engine, readings(MONITOR, Array<number>(SPO2.clearS + 1).fill(98)))).toEqual([
        'resolve',
      ]);
    });

    it('acknowledgedElsewhere: where the readings arrive, closes a latched alert whose condition cleared', () => {
      const engine = new AlertEngine();
      expect(eventsOf(engine, readings(MONITOR, [80, 80]))).toEqual(['raise']);
      expect(eventsOf(engine, readings(MONITOR, Array(SPO2.clearS + 1).fill(98), 2))).toEqual([]);
      expect(engine.acknowledgedElsewhere(SESSION, 'SPO2_LOW', high, 30_000)).toEqual([
        { sessionId: SESSION, code: 'SPO2_LOW', event: { type: 'resolve', at: 30_000 } },
      ]);
    });

    it('acknowledgedElsewhere: keeps the alert open while a source here still shows the condition', () => {
      const engine = new AlertEngine();
      expect(eventsOf(engine, readings(MONITOR, [80, 80]))).toEqual(['raise']);
      expect(eventsOf(engine, readings(MANUAL, [98, 98], 2))).toEqual([]);
      expect(engine.acknowledgedElsewhere(SESSION, 'SPO2_LOW', high, 5_000)).toEqual([]);
    });

    it('release: a condition still held here past the delay raises again at its next reading', () => {
      const engine = new AlertEngine();
      expect(eventsOf(engine, readings(MONITOR, lowFor(SPO2.delayS + 1)))).toEqual(['raise']);
      engine.release(SESSION, 'SPO2_LOW');
      expect(eventsOf(engine, readings(MONITOR, [92], SPO2.delayS + 1))).toEqual(['raise']);
    });

    it('release: a condition that cleared here starts the next episode afresh', () => {
      const engine = new AlertEngine();
      expect(eventsOf(engine, readings(MONITOR, lowFor(SPO2.delayS + 1)))).toEqual(['raise']);
      expect(eventsOf(engine, readings(MONITOR, [98], SPO2.delayS + 1))).toEqual([]);
      engine.release(SESSION, 'SPO2_LOW');
      expect(eventsOf(engine, readings(MONITOR, lowFor(SPO2.delayS), SPO2.delayS + 2))).toEqual([]);
    });
  });
});
