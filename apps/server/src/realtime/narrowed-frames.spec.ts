import { NarrowedFrames } from './narrowed-frames';

const chair = (bay: string, sessionId: string) => ({ bay, sessionId });

describe('NarrowedFrames', () => {
  const frame = [chair('1', 's1'), chair('2', 's2'), chair('3', 's3')];

  it('gives each screen the chairs of its bays and sessions, once each and in the frame’s order', () => {
    const screens = new NarrowedFrames();
    screens.watch('wall', { bays: ['1', '3'], sessionIds: [] });
    screens.watch('desk', { bays: ['2'], sessionIds: ['s2', 's3'] });

    expect(screens.split(frame)).toEqual(
      new Map([
        ['wall', [chair('1', 's1'), chair('3', 's3')]],
        ['desk', [chair('2', 's2'), chair('3', 's3')]],
      ]),
    );
  });

  it('leaves out a screen none of whose chairs changed', () => {
    const screens = new NarrowedFrames();
    screens.watch('wall', { bays: ['9'], sessionIds: ['s9'] });

    expect(screens.split(frame).has('wall')).toBe(false);
  });

  it('replaces a screen’s watch with its next one, and forgets a screen that has gone', () => {
    const screens = new NarrowedFrames();
    screens.watch('wall', { bays: ['1'], sessionIds: ['s2'] });
    screens.watch('wall', { bays: ['3'], sessionIds: [] });
    screens.watch('desk', { bays: ['1'], sessionIds: [] });
    screens.forget('desk');

    expect(screens.split(frame)).toEqual(new Map([['wall', [chair('3', 's3')]]]));
  });
});
