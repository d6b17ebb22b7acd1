import { wardBays } from './ward-bays';

describe('wardBays', () => {
  it('lists occupied and empty chairs together in natural bay order', () => {
    const bays = wardBays({
      liveSessions: [{ id: 's-10', bay: '10', state: 'recovery' }],
      deviceBays: ['2', '10'],
      configuredBays: ['1'],
    });
    expect(bays).toEqual([
      { bay: '1', sessionId: null, state: null },
      { bay: '2', sessionId: null, state: null },
      { bay: '10', sessionId: 's-10', state: 'recovery' },
    ]);
  });

  it('lists a bay named by several devices and the configuration once', () => {
    const bays = wardBays({ liveSessions: [], deviceBays: ['3', '3'], configuredBays: ['3'] });
    expect(bays).toEqual([{ bay: '3', sessionId: null, state: null }]);
  });

  it('lists every live session, even two that raced into one bay', () => {
    const bays = wardBays({
      liveSessions: [
        { id: 'a', bay: '4', state: 'infusing' },
        { id: 'b', bay: '4', state: 'assessed' },
      ],
      deviceBays: ['4'],
      configuredBays: [],
    });
    expect(bays.map((bay) => bay.sessionId).sort()).toEqual(['a', 'b']);
  });

  it('is empty for a ward with no devices, sessions or configured chairs', () => {
    expect(wardBays({ liveSessions: [], deviceBays: [], configuredBays: [] })).toEqual([]);
  });
});
