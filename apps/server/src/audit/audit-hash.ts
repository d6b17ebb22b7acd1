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
  const text = canonicalize(value);
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
