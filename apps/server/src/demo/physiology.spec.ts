import { ketamineEffect, randomBaseline, simulateSample, type Random } from './physiology';

function seeded(seed: number): Random {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const MIN = 60_000;

describe('demo physiology', () => {
  it('builds the ketamine response over the first 25 minutes and holds it', () => {
    expect(ketamineEffect('infusing', 0, 0)).toBe(0);
    expect(ketamineEffect('infusing', 12.5 * MIN, 0)).toBeCloseTo(0.5);
    expect(ketamineEffect('infusing', 40 * MIN, 0)).toBe(1);
  });

  it('settles during recovery', () => {
    expect(ketamineEffect('recovery', 40 * MIN, 0)).toBe(1);
    expect(ketamineEffect('recovery', 40 * MIN, 30 * MIN)).toBeLessThan(0.06);
  });

  it('raises heart rate and blood pressure by the patient peak (10–25 %) at full effect', () => {
    const random = seeded(7);
    const baseline = randomBaseline(random);
    const at = Date.parse('2026-11-25T10:00:00Z');
    const samples = Array.from({ length: 200 }, (_, seq) =>
      simulateSample(
        { baseline, effect: 1, at, seq, withBloodPressure: true, artefactSpo2: null },
        random,
      ),
    );
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const hrRise = mean(samples.map((s) => s.heartRate!)) / baseline.heartRate - 1;
    const sbpRise = mean(samples.map((s) => s.systolic!)) / baseline.systolic - 1;
    expect(hrRise).toBeGreaterThan(0.08);
    expect(hrRise).toBeLessThan(0.27);
    expect(sbpRise).toBeCloseTo(baseline.peakRise, 1);
    expect(samples.every((s) => s.spo2! >= 95 && s.spo2! <= 100)).toBe(true);
  });

  it('sends blood pressure only on cuff cycles and honours a probe artefact', () => {
    const random = seeded(3);
    const baseline = randomBaseline(random);
    const sample = simulateSample(
      { baseline, effect: 0, at: 0, seq: 1, withBloodPressure: false, artefactSpo2: 84 },
      random,
    );
    expect(sample.systolic).toBeUndefined();
    expect(sample.spo2).toBe(84);
  });
});
