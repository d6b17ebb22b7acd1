import { infusionElapsedMs } from './infusion-clock';

const MIN = 60_000;
const t0 = Date.parse('2026-11-25T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe('infusionElapsedMs', () => {
  it('is zero before the infusion starts', () => {
    expect(
      infusionElapsedMs({ startedAt: null, endedAt: null, pausedMs: 0, pausedAt: null }, t0),
    ).toBe(0);
  });

  it('counts wall time since the start', () => {
    const times = { startedAt: iso(t0), endedAt: null, pausedMs: 0, pausedAt: null };
    expect(infusionElapsedMs(times, t0 + 12 * MIN)).toBe(12 * MIN);
  });

  it('excludes closed pauses and the pause in progress', () => {
    const times = {
      startedAt: iso(t0),
      endedAt: null,
      pausedMs: 3 * MIN,
      pausedAt: iso(t0 + 20 * MIN),
    };
    expect(infusionElapsedMs(times, t0 + 25 * MIN)).toBe(17 * MIN);
  });

  it('stops counting when the infusion ends', () => {
    const times = {
      startedAt: iso(t0),
      endedAt: iso(t0 + 40 * MIN),
      pausedMs: MIN,
      pausedAt: null,
    };
    expect(infusionElapsedMs(times, t0 + 90 * MIN)).toBe(39 * MIN);
  });
});
