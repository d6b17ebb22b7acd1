import type { AuditEntry } from '@vigil/shared';

/** What an admin administers: the detail of these entries holds no patient data. */
const ADMINISTRATIVE_ENTITIES: ReadonlySet<string> = new Set(['user', 'device', 'route']);

/**
 * The trail as an admin may read it: who did what and when, everywhere, but the detail of
 * clinical entries (baselines, notes, doses, readings, alert values) is withheld.
 */
export function withholdClinicalDetail(entry: AuditEntry): AuditEntry {
  if (ADMINISTRATIVE_ENTITIES.has(entry.entity)) return entry;
  return { ...entry, detail: {}, detailWithheld: true };
}
