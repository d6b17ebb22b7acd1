import { auditHash, canonicalJson, GENESIS_HASH, type HashedFields } from './audit-hash';

const entry: HashedFields = {
  seq: 1,
  at: '2026-11-25T10:00:00.000Z',
  actorId: 'u1',
  actor: 'nurse',
  role: 'nurse',
  action: 'session.created',
  entity: 'session',
  entityId: 's1',
  sessionId: 's1',
  detail: canonicalJson({ bay: '3' }),
  prevHash: GENESIS_HASH,
};

describe('auditHash', () => {
  it('does not depend on the order of keys', () => {
    const reordered = Object.fromEntries(
      Object.entries(entry).reverse(),
    ) as unknown as HashedFields;
    expect(auditHash(reordered)).toBe(auditHash(entry));
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
  });

  it.each(Object.keys(entry) as Array<keyof HashedFields>)('changes when %s changes', (field) => {
    const changed = { ...entry, [field]: field === 'seq' ? 2 : `${String(entry[field])}x` };
    expect(auditHash(changed)).not.toBe(auditHash(entry));
  });
});
