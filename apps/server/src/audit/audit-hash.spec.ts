import fc from 'fast-check';
import { createHash } from 'node:crypto';
import {
  auditHash,
  canonicalEntry,
  canonicalJson,
  GENESIS_HASH,
  type HashedFields,
} from './audit-hash';

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

describe('canonicalEntry', () => {
  const text = fc.string({ unit: 'binary', maxLength: 40 });
  const nullable = fc.option(text, { nil: null });

  it('writes exactly what the generic RFC 8785 form writes, for any entry', () => {
    fc.assert(
      fc.property(
        fc.record({
          seq: fc.maxSafeNat(),
          at: text,
          actorId: nullable,
          actor: text,
          role: text,
          action: text,
          entity: text,
          entityId: nullable,
          sessionId: nullable,
          detail: text,
          prevHash: text,
        }),
        (fields) => {
          expect(canonicalEntry(fields)).toBe(canonicalJson(fields));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('keeps the hashes of chains written before it', () => {
    // The hash this entry had when the generic form wrote every entry.
    const generic = createHash('sha256').update(canonicalJson(entry)).digest('hex');
    expect(auditHash(entry)).toBe(generic);
  });
});
