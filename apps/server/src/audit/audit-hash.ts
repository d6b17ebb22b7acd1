import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';

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
  return createHash('sha256').update(canonicalJson(fields)).digest('hex');
}
