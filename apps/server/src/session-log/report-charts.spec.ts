import { DEFAULT_THRESHOLD_PROFILE, type VitalSample } from '@vigil/shared';
import { reportCharts } from './report-charts';

const START = Date.parse('2026-12-06T08:00:00.000Z');

function sample(second: number, values: Partial<VitalSample>): VitalSample {
  const at = new Date(START + second * 1_000).toISOString();
  return { sessionId: 's', seq: second, at, receivedAt: at, ...values };
}

/** Three hours at 1 Hz with a cuff every 5 minutes, and SpO2 down to 83 % for two minutes. */
function longSession(): VitalSample[] {
  return Array.from({ length: 3 * 3_600 }, (_, second) => {
    const inDip = second >= 5_000 && second < 5_120;
    const spo2 = inDip ? Math.min(97, 83 + Math.round(Math.abs(second - 5_061) / 4)) : 97;
    const cuff = second % 300 === 0 ? { systolic: 125, diastolic: 80 } : {};
    return sample(second, { spo2, heartRate: second === 9_001 ? 142 : 72, ...cuff });
  });
}

describe('reportCharts', () => {
  const charts = reportCharts(longSession(), DEFAULT_THRESHOLD_PROFILE, null, 235);
  const chart = (title: string) => charts.charts.find((candidate) => candidate.title === title)!;

  it('spans the first to the last reading', () => {
    expect(charts.from).toBe(START);
    expect(charts.to).toBe(START + (3 * 3_600 - 1) * 1_000);
  });

  it('keeps a two-minute desaturation to 83 % in three hours of readings, and a lone heart rate peak', () => {
    const spo2 = chart('SpO2').lines[0]!.points;
    expect(spo2.length).toBeLessThanOrEqual(4 * 235);
    expect(Math.min(...spo2.map((point) => point.value))).toBe(83);
    expect(chart('SpO2').low).toBeLessThanOrEqual(83);
    expect(Math.max(...chart('Heart rate').lines[0]!.points.map((point) => point.value))).toBe(142);
  });

  it('draws every cuff reading where there are fewer than intervals', () => {
    const [systolic, diastolic] = chart('Blood pressure').lines;
    expect(systolic?.points).toHaveLength(36);
    expect(diastolic?.points).toHaveLength(36);
  });

  it('draws the session limits of each chart, in plain text the PDF fonts can print', () => {
    const spo2Rule = DEFAULT_THRESHOLD_PROFILE.rules.find((rule) => rule.code === 'SPO2_LOW')!;
    expect(chart('SpO2').limits).toEqual(
      expect.arrayContaining([
        { value: spo2Rule.high, priority: 'high', label: `SpO2 < ${spo2Rule.high}` },
      ]),
    );
    const labels = charts.charts.flatMap((each) => each.limits.map((limit) => limit.label));
    expect(labels.every((label) => /^[\x20-\x7e]+$/.test(label))).toBe(true);
  });

  it('has no lines without readings', () => {
    const empty = reportCharts([], DEFAULT_THRESHOLD_PROFILE, null, 235);
    expect(empty.charts.every((each) => each.lines.every((line) => line.points.length === 0))).toBe(
      true,
    );
  });
});
