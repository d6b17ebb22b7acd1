import {
  NARROWED_FRAMES_ROOM,
  WARD_FRAMES_ROOM,
  WARD_ROOM,
  bayRoom,
  hasPerChairScreen,
  sessionVitalsAudience,
  sessionRoom,
} from './rooms';

const chairThree = sessionVitalsAudience('3', 's3');

const rooms = (entries: Record<string, string[]>) =>
  new Map(Object.entries(entries).map(([room, sockets]) => [room, new Set(sockets)]));

describe('hasPerChairScreen', () => {
  it('finds none where every screen of the chair takes frames', () => {
    const framedOnly = rooms({
      [WARD_FRAMES_ROOM]: ['overview'],
      [bayRoom('3')]: ['wall'],
      [sessionRoom('s3')]: ['desk'],
      [NARROWED_FRAMES_ROOM]: ['wall', 'desk'],
    });

    expect(hasPerChairScreen(framedOnly, chairThree)).toBe(false);
  });

  it('finds a screen without frames that watches the whole ward, the chair’s bay or its session', () => {
    expect(hasPerChairScreen(rooms({ [WARD_ROOM]: ['old-screen'] }), chairThree)).toBe(true);
    expect(
      hasPerChairScreen(
        rooms({ [bayRoom('3')]: ['wall', 'tablet'], [NARROWED_FRAMES_ROOM]: ['wall'] }),
        chairThree,
      ),
    ).toBe(true);
    expect(hasPerChairScreen(rooms({ [sessionRoom('s3')]: ['tablet'] }), chairThree)).toBe(true);
  });

  it('does not count screens of other chairs', () => {
    const elsewhere = rooms({ [bayRoom('4')]: ['wall'], [sessionRoom('s4')]: ['tablet'] });

    expect(hasPerChairScreen(elsewhere, chairThree)).toBe(false);
  });
});
