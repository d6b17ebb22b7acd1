import canonicalize from 'canonicalize';
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

describe('canonicalJson', () => {
  const primitive = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
  );

  it('writes an object of primitives exactly as the generic RFC 8785 form does', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ unit: 'binary', maxLength: 10 }), primitive),
        (record) => {
          expect(canonicalJson(record)).toBe(canonicalize(record));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('writes nested values, arrays and objects with toJSON the generic way', () => {
    const when = new Date('2026-12-07T00:00:00.000Z');
    expect(canonicalJson({ b: [2, 1], a: { d: 1, c: null } })).toBe(
      '{"a":{"c":null,"d":1},"b":[2,1]}',
    );
    expect(canonicalJson({ at: when })).toBe('{"at":"2026-12-07T00:00:00.000Z"}');
    expect(() => canonicalJson({ value: Number.NaN })).toThrow();
    expect(() => canonicalJson({ value: Number.POSITIVE_INFINITY })).toThrow();
    expect(canonicalJson([{ b: 1, a: 2 }])).toBe('[{"a":2,"b":1}]');
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
          expect(canonicalEntry(fields)).toBe(canonicalize(fields));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('keeps the hashes of chains written before it', () => {
    // The hash this entry had when the generic form wrote every entry.
    const generic = createHash('sha256').update(canonicalize(entry)!).digest('hex');
    expect(auditHash(entry)).toBe(generic);
  });
});
