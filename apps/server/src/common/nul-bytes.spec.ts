import { bodyFault, MAX_BODY_DEPTH } from './nul-bytes';

const nested = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let level = 0; level < depth; level += 1) value = level % 2 ? { a: value } : [value];
  return value;
};

describe('bodyFault', () => {
  it('names the field holding a NUL character, in a value or in a key', () => {
    expect(bodyFault({ samples: [{ at: 'x' }, { note: 'a\u0000b' }] })).toEqual({
      kind: 'nul',
      path: 'samples[1].note',
    });
    expect(bodyFault({ escort: { 'na\u0000me': 'x' } })).toEqual({
      kind: 'nul',
      path: 'escort.na\u0000me',
    });
    expect(bodyFault([{ grid: [['ok', 'x\u0000']] }])).toEqual({
      kind: 'nul',
      path: '[0].grid[0][1]',
    });
    expect(bodyFault('\u0000')).toEqual({ kind: 'nul', path: '(value)' });
  });

  it('passes documents as deep as the limit and refuses deeper ones without walking them', () => {
    expect(bodyFault(nested(MAX_BODY_DEPTH))).toBeNull();
    expect(bodyFault(nested(MAX_BODY_DEPTH + 1))).toEqual({ kind: 'too-deep' });
    // Deep enough to overflow the stack of a recursive walk: the server process died of it.
    expect(bodyFault(JSON.parse(`${'['.repeat(20_000)}${']'.repeat(20_000)}`))).toEqual({
      kind: 'too-deep',
    });
  });

  it('passes ordinary documents', () => {
    expect(bodyFault({ samples: [{ at: '2026-01-01T00:00:00Z', spo2: 97 }] })).toBeNull();
    expect(bodyFault(null)).toBeNull();
  });
});
