import fc from 'fast-check';

/**
 * What an attacker, a broken gateway or a buggy client sends: the values that have broken JSON
 * APIs before. Each generator yields something a route must refuse with a 4xx, or accept, and
 * never answer with a 5xx.
 */

/** JSON text that JSON.stringify cannot write: numbers past a double, kept as written. */
const RAW_MARK = '\u0001raw:';
export const rawJson = (text: string) => `${RAW_MARK}${text}`;

export const HOSTILE_DATES = [
  '-000001-01-01T00:00:00.000Z',
  '0000-01-01T00:00:00Z',
  '0000-01-01T00:30:00+01:00',
  '0001-01-01T00:00:00+14:00',
  '9999-12-31T23:59:59.999Z',
  '9999-12-31T23:59:59-14:00',
  '+275760-09-13T00:00:00.000Z',
  '+275760-09-13T00:00:00.001Z',
  '-271821-04-20T00:00:00.000Z',
  '1970-01-01T00:00:00Z',
  '2026-02-30T10:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-01-01T24:00:00Z',
  '2026-01-01T00:00:00.123456789Z',
  '2026-01-01T00:00:00+99:99',
  '0000-01-01',
  '-0001-01-01',
  '9999-12-31',
  '+275760-09-13',
  '2026-06-31',
];

export const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  '\u202Egnp.exe',
  '\u200B\u200F',
  'x'.repeat(20_000),
  '💉'.repeat(64),
  "' OR 1=1 --",
  '"; DROP TABLE patient; --',
  '<script>alert(1)</script>',
  '=HYPERLINK("http://127.0.0.1")',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  'toString',
  'null',
  'NaN',
  '%00',
  '\r\n\r\n',
  '00000000-0000-4000-8000-000000000000',
  ...HOSTILE_DATES,
];

const HOSTILE_NUMBERS = [
  0,
  -0,
  -1,
  1e308,
  -1e308,
  2 ** 53 + 2,
  -(2 ** 63),
  5e-324,
  0.1 + 0.2,
  rawJson('1e400'),
  rawJson('-1e400'),
  rawJson('123456789012345678901234567890'),
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

const hostileLeaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, ...HOSTILE_NUMBERS),
  fc.double(),
  fc.integer(),
  hostileString,
);

/** Any JSON shape: wrong types, arrays for objects, deep and wide structures. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileLeaf },
  fc.array(hostileLeaf, { maxLength: 5 }),
  fc.dictionary(hostileString, hostileLeaf, { maxKeys: 4 }),
  fc.nat({ max: 200 }).map((depth) => nested(depth)),
  fc.constant(Array.from({ length: 600 }, (_, index) => ({ index }))),
);

function nested(depth: number): unknown {
  let value: unknown = {};
  for (let level = 0; level < depth; level += 1) value = { a: value };
  return value;
}

/** Every place a value sits in a JSON document, the root included. */
function paths(value: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  const inner =
    value && typeof value === 'object'
      ? Object.entries(value).flatMap(([key, child]) =>
          paths(child, [...at, Array.isArray(value) ? Number(key) : key]),
        )
      : [];
  return [at, ...inner];
}

function replaceAt(value: unknown, path: Array<string | number>, next: unknown): unknown {
  if (path.length === 0) return next;
  const [head, ...rest] = path as [string | number, ...Array<string | number>];
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  if (next === REMOVE && rest.length === 0) delete copy[head];
  else copy[head] = replaceAt(copy[head], rest, next);
  return copy;
}

const REMOVE = Symbol('remove');

/**
 * A valid document with one place spoiled: replaced by a hostile value, removed, or given a
 * hostile sibling key. Refusals past the schema's first check are where 5xx hide.
 */
export function spoiled(template: unknown): fc.Arbitrary<unknown> {
  const places = paths(template);
  return fc.nat({ max: places.length - 1 }).chain((index) => {
    const place = places[index] ?? [];
    const current = valueAt(template, place);
    return fc.oneof(
      {
        weight: 6,
        arbitrary: likeButWorse(current).map((value) => replaceAt(template, place, value)),
      },
      { weight: 1, arbitrary: fc.constant(replaceAt(template, place, place.length ? REMOVE : {})) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(hostileString, hostileLeaf)
          .map(([key, value]) => replaceAt(template, [...place, key], value)),
      },
    );
  });
}

function valueAt(value: unknown, path: Array<string | number>): unknown {
  return path.reduce<unknown>(
    (inner, key) => (inner as Record<string | number, unknown> | undefined)?.[key],
    value,
  );
}

/** Mostly what breaks a value of this kind (a date for a date, a number for a number). */
function likeButWorse(current: unknown): fc.Arbitrary<unknown> {
  if (typeof current === 'string' && /^\d{4}-\d\d-\d\d/.test(current)) {
    return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...HOSTILE_DATES) }, hostileValue);
  }
  if (typeof current === 'number') {
    return fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) }, hostileValue);
  }
  return hostileValue;
}

/** JSON text of a value, with raw numbers written as they were meant. */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value).replace(/"\\u0001raw:([^"]*)"/g, '$1');
}

/** Bodies no JSON.stringify produces: prototype keys, broken JSON, pathological nesting. */
export function rawBodies(template: unknown): string[] {
  const valid = toJsonText(template);
  const inject = (keys: string) =>
    valid.startsWith('{') && valid !== '{}' ? `{${keys},${valid.slice(1)}` : `{${keys}}`;
  return [
    inject('"__proto__":{"role":"admin","isAdmin":true}'),
    inject('"constructor":{"prototype":{"role":"admin"}}'),
    inject('"__proto__":null'),
    `[${valid}]`,
    '[]',
    'null',
    '"text"',
    '12',
    '{"a":',
    '{"a":1,}',
    "{'a':1}",
    '\u0000',
    '\uFEFF{}',
    `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
    `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`,
    valid.replace(/"/, '"\\ud800'),
  ];
}

/** A path segment as a client would put it in a URL, lone surrogates and all. */
export function pathSegment(text: string): string {
  return encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, '\uFFFD'));
}

/** Path parameters: the real id, another shape of id, or already-encoded junk. */
export function hostileSegment(real: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(real) },
    fc.uuid().map(pathSegment),
    hostileString.filter((text) => text.length > 0).map(pathSegment),
    fc.constantFrom('%ED%A0%80', '%', '%zz', '%00', '..%2F..', real.toUpperCase(), `${real}%00`),
  );
}

/** A query string spoiled from a valid one: hostile values, unknown and repeated keys. */
export function hostileQuery(template: Record<string, string>): fc.Arbitrary<string> {
  const keys = Object.keys(template);
  const value = fc.oneof(hostileString, fc.constantFrom(...HOSTILE_DATES));
  return fc
    .array(
      fc.oneof(
        keys.length ? fc.tuple(fc.constantFrom(...keys), value) : fc.tuple(hostileString, value),
        fc.tuple(fc.constantFrom('__proto__', 'constructor', 'x[y]', 'a[]', ''), value),
        fc.tuple(hostileString, value),
      ),
      { maxLength: 4 },
    )
    .map((changes) => {
      const pairs: Array<[string, string]> = Object.entries(template).filter(
        ([key]) => !changes.some(([changed]) => changed === key),
      );
      pairs.push(...changes);
      return pairs.map(([key, text]) => `${pathSegment(key)}=${pathSegment(text)}`).join('&');
    });
}
