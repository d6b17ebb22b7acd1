import canonicalize from 'canonicalize';
import { hash } from 'node:crypto';

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export interface HashedFields {
  seq: number;
  at: string;
  actorId: string | null;
  actor: string;
  role: string;
  action: string;
  entity: string;
  entityId: string | null;
  sessionId: string | null;
  /** Canonical JSON of the detail, as stored. */
  detail: string;
  prevHash: string;
}

export function canonicalJson(value: unknown): string {
  const text = isFlatRecord(value) ? flatCanonicalJson(value) : canonicalize(value);
  if (text === undefined) throw new Error('value cannot be written as canonical JSON');
  return text;
}

/**
 * SHA-256 over the RFC 8785 canonical form of every field but the hash itself, so the same entry
 * always hashes the same on any machine, and a change to any field (or to the link to the entry
 * before it) changes the hash.
 */
export function auditHash(fields: HashedFields): string {
  // The one-shot form: no Hash object per entry, and the ingest hashes one per batch of readings.
  return hash('sha256', canonicalEntry(fields), 'hex');
}

type FlatValue = string | number | boolean | null | undefined;

/** A plain object of JSON primitives only, as nearly every entry's detail is. */
function isFlatRecord(value: unknown): value is Record<string, FlatValue> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    const primitive =
      item === null ||
      item === undefined ||
      typeof item === 'string' ||
      typeof item === 'boolean' ||
      (typeof item === 'number' && Number.isFinite(item));
    // Anything else (NaN and infinities included, which RFC 8785 refuses) takes the generic way.
    if (!primitive) return false;
  }
  return true;
}

/**
 * What `canonicalize` writes for an object of primitives (tested for any such object): its keys
 * sorted by UTF-16 code units, undefined ones left out, each key and value as JSON.stringify writes
 * it. The generic walk costs more than the hash of the entry that holds it.
 */
function flatCanonicalJson(record: Record<string, FlatValue>): string {
  const members: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item !== undefined) members.push(`${JSON.stringify(key)}:${JSON.stringify(item)}`);
  }
  return `{${members.join(',')}}`;
}

/**
 * The fields' RFC 8785 form written out, byte for byte what `canonicalJson` gives (tested): the
 * keys in its order (UTF-16 code units), and every value a string, an integer or null, which
 * JSON.stringify writes as it does. The ingest hashes an entry per batch of readings, and the
 * generic form's walk and sort of the keys cost more than the hash itself.
 */
export function canonicalEntry(fields: HashedFields): string {
  if (!Number.isSafeInteger(fields.seq)) throw new Error('an audit entry’s seq is an integer');
  const text = (value: string | null) => JSON.stringify(value);
  return (
    `{"action":${text(fields.action)},"actor":${text(fields.actor)},` +
    `"actorId":${text(fields.actorId)},"at":${text(fields.at)},"detail":${text(fields.detail)},` +
    `"entity":${text(fields.entity)},"entityId":${text(fields.entityId)},` +
    `"prevHash":${text(fields.prevHash)},"role":${text(fields.role)},"seq":${fields.seq},` +
    `"sessionId":${text(fields.sessionId)}}`
  );
}
