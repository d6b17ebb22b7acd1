import type { VitalSample } from '@vigil/shared';
import { type ChairVitals, frameDelayMs, VitalsCoalescer } from './vitals-coalescer';

const sample = (sessionId: string, second: number): VitalSample => ({
  sessionId,
  seq: second,
  at: new Date(Date.UTC(2026, 10, 25, 10, 0, second)).toISOString(),
  receivedAt: new Date().toISOString(),
  spo2: 97,
});

const summary = (frame: ChairVitals[]) =>
  frame.map(({ bay, sessionId, samples }) => [bay, sessionId, samples.map((s) => s.seq)]);

describe('VitalsCoalescer', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('hands on one frame with every chair that changed in it once, its readings in time order', () => {
    const frames: ChairVitals[][] = [];
    const coalescer = new VitalsCoalescer((frame) => frames.push(frame), 200);
    coalescer.add('1', 'a', [sample('a', 2)]);
    coalescer.add('2', 'b', [sample('b', 1)]);
    coalescer.add('1', 'a', [sample('a', 1)]);
    expect(frames).toEqual([]);
    jest.advanceTimersByTime(200);
    expect(frames.map(summary)).toEqual([
      [
        ['1', 'a', [1, 2]],
        ['2', 'b', [1]],
      ],
    ]);
  });

  it('starts the next frame empty and sends no frame when nothing changed', () => {
    const frames: ChairVitals[][] = [];
    const coalescer = new VitalsCoalescer((frame) => frames.push(frame), 200);
    coalescer.add('1', 'a', [sample('a', 1)]);
    jest.advanceTimersByTime(200);
    coalescer.add('2', 'b', [sample('b', 2)]);
    jest.advanceTimersByTime(200);
    jest.advanceTimersByTime(1000);
    expect(frames.map(summary)).toEqual([[['1', 'a', [1]]], [['2', 'b', [2]]]]);
  });

  it('drains at once on demand, leaving nothing behind', () => {
    const frames: ChairVitals[][] = [];
    const coalescer = new VitalsCoalescer((frame) => frames.push(frame), 200);
    coalescer.add('1', 'a', [sample('a', 1)]);
    coalescer.drain();
    jest.advanceTimersByTime(1000);
    expect(frames.map(summary)).toEqual([[['1', 'a', [1]]]]);
  });
});

describe('frameDelayMs', () => {
  const arrived = (sessionId: string, receivedAt: number): VitalSample => ({
    ...sample(sessionId, 0),
    receivedAt: new Date(receivedAt).toISOString(),
  });

  it('is how long the longest-waiting reading of the frame has been in Vigil', () => {
    const now = Date.UTC(2026, 11, 6, 12, 0, 10);
    const frame: ChairVitals[] = [
      { bay: '1', sessionId: 'a', samples: [arrived('a', now - 150), arrived('a', now - 40)] },
      { bay: '2', sessionId: 'b', samples: [arrived('b', now - 2_300)] },
    ];
    expect(frameDelayMs(frame, now)).toBe(2_300);
  });

  it('is never negative, whatever the clocks', () => {
    const now = Date.UTC(2026, 11, 6, 12, 0, 10);
    expect(
      frameDelayMs([{ bay: '1', sessionId: 'a', samples: [arrived('a', now + 5)] }], now),
    ).toBe(0);
  });
});
