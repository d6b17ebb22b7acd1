import type { VitalSample } from '@vigil/shared';
import { VitalsCoalescer } from './vitals-coalescer';

const sample = (sessionId: string, second: number): VitalSample => ({
  sessionId,
  seq: second,
  at: new Date(Date.UTC(2026, 10, 25, 10, 0, second)).toISOString(),
  receivedAt: new Date().toISOString(),
  spo2: 97,
});

describe('VitalsCoalescer', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sends one frame per session with everything that arrived in it, in time order', () => {
    const frames: Array<[string, number[]]> = [];
    const coalescer = new VitalsCoalescer(
      (_bay, sessionId, samples) => frames.push([sessionId, samples.map((s) => s.seq!)]),
      200,
    );
    coalescer.add('1', 'a', [sample('a', 2)]);
    coalescer.add('2', 'b', [sample('b', 1)]);
    coalescer.add('1', 'a', [sample('a', 1)]);
    expect(frames).toEqual([]);
    jest.advanceTimersByTime(200);
    expect(frames).toEqual([
      ['a', [1, 2]],
      ['b', [1]],
    ]);
  });

  it('drains at once on demand, leaving nothing behind', () => {
    const frames: string[] = [];
    const coalescer = new VitalsCoalescer((_bay, sessionId) => frames.push(sessionId), 200);
    coalescer.add('1', 'a', [sample('a', 1)]);
    coalescer.drain();
    jest.advanceTimersByTime(1000);
    expect(frames).toEqual(['a']);
  });
});
