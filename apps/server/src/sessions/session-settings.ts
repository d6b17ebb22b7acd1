import type { Assessment, ThresholdProfile } from '@vigil/shared';
import { parseStoredLimits } from '../threshold-profiles/threshold-profiles.service';
import { parseStoredAssessment } from './stored-assessment';

const WHOLE_READ_SLICE = 500;

/** A session's limits snapshot (null: it follows its profile) and assessment, parsed. */
export interface SessionSettings {
  limits: ThresholdProfile | null;
  assessment: Assessment | null;
}

/** The stored texts of one revision of a session, as a query reads them. */
export interface StoredSettingsRow {
  id: string;
  revision: number | string;
  limits: string | null;
  assessment: string | null;
}

/**
 * Each session's limits and assessment, parsed once per revision. The readings' commit and the
 * alarm sweep read every live session every second, and these two JSON texts (about 2 KB) were most
 * of what they read: now they read the revision and fetch the texts only for a revision they have
 * not seen. Sound because every change of a session row goes through SessionWriter, which bumps
 * the revision in the same UPDATE, and the database refuses a change of either that keeps it
 * (migration SessionSettingsRevision1764187200000).
 */
export class SessionSettingsByRevision {
  private readonly entries = new Map<string, { revision: number; settings: SessionSettings }>();

  constructor(private readonly capacity: number) {}

  /** The settings of this revision of the session, if they have been read. */
  at(id: string, revision: number | string): SessionSettings | undefined {
    const entry = this.entries.get(id);
    return entry?.revision === Number(revision) ? entry.settings : undefined;
  }

  /** Parses and keeps what was read for a revision. */
  keep(row: StoredSettingsRow): SessionSettings {
    if (this.entries.size >= this.capacity && !this.entries.has(row.id)) this.entries.clear();
    const settings = {
      limits: row.limits === null ? null : parseStoredLimits(row.limits),
      assessment: parseStoredAssessment(row.assessment),
    };
    this.entries.set(row.id, { revision: Number(row.revision), settings });
    return settings;
  }

  /** Forgets every session but these (the live ones). */
  keepOnly(ids: ReadonlySet<string>): void {
    for (const id of this.entries.keys()) if (!ids.has(id)) this.entries.delete(id);
  }
}

/**
 * Rows read without their settings, each with its settings: from the cache where it holds the row's
 * revision, else from one more query that reads those rows whole (`readWhole`). A row read whole
 * stands for the one read before (it may be of a later revision, and is consistent in itself); a
 * row the second query no longer finds is left out.
 */
export async function withSettings<Row extends { id: string; revision: number | string }>(
  rows: readonly Row[],
  cache: SessionSettingsByRevision,
  readWhole: (ids: string[]) => Promise<Array<Row & StoredSettingsRow>>,
): Promise<Array<{ row: Row; settings: SessionSettings }>> {
  const settled: Array<{ row: Row; settings: SessionSettings }> = [];
  const unknown: string[] = [];
  for (const row of rows) {
    const settings = cache.at(row.id, row.revision);
    if (settings) settled.push({ row, settings });
    else unknown.push(row.id);
  }
  // In slices: well inside either database's limit on a statement's parameters.
  for (let start = 0; start < unknown.length; start += WHOLE_READ_SLICE) {
    for (const whole of await readWhole(unknown.slice(start, start + WHOLE_READ_SLICE))) {
      settled.push({ row: whole, settings: cache.keep(whole) });
    }
  }
  return settled;
}
