import { aSession } from '../../../test/session.fixture';
import { awaitingSignature } from './awaiting-signature';

const unsigned = { order: null, startedAt: null } as const;

describe('awaitingSignature', () => {
  it('lists each unsigned session before its start once, at its newest copy, earliest first', () => {
    const later = aSession({
      ...unsigned,
      id: 'b',
      state: 'scheduled',
      scheduledAt: '2026-11-25T11:00:00.000Z',
    });
    const earlierOld = aSession({
      ...unsigned,
      id: 'a',
      state: 'scheduled',
      revision: 1,
      scheduledAt: '2026-11-25T09:00:00.000Z',
    });
    const earlierNew = { ...earlierOld, state: 'assessed' as const, revision: 2 };

    const waiting = awaitingSignature([later, earlierOld], [earlierNew]);

    expect(waiting.map((session) => `${session.id}:${session.state}`)).toEqual([
      'a:assessed',
      'b:scheduled',
    ]);
  });

  it('leaves out signed orders, sessions under way, and one whose newest copy is signed', () => {
    const signedLater = aSession({ ...unsigned, id: 'a', state: 'assessed', revision: 1 });
    const signed = { ...signedLater, revision: 2, order: aSession().order };
    expect(
      awaitingSignature(
        [signedLater, aSession({ id: 'c', state: 'infusing', order: null })],
        [signed],
        undefined,
      ),
    ).toEqual([]);
  });
});
