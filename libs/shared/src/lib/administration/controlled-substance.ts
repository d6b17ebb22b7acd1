import { z } from 'zod';
import { expecting } from '../validation/format-issues';
import { plainText } from '../validation/plain-text';

/** The balance (drawn − given − wasted) closes when it is this near zero. */
export const KETAMINE_BALANCE_TOLERANCE_MG = 0.1;
/** More than any single ampoule set a session draws. */
export const MAX_KETAMINE_ENTRY_MG = 1000;

export const KETAMINE_ENTRY_KINDS = ['drawn', 'wasted'] as const;
export type KetamineEntryKind = (typeof KETAMINE_ENTRY_KINDS)[number];

/** One line of the session's controlled-substance record. */
export interface KetamineEntry {
  id: string;
  sessionId: string;
  kind: KetamineEntryKind;
  mg: number;
  /** The ampoule's lot (a draw). */
  lot: string | null;
  at: string;
  recordedBy: string;
  /** The second clinician who saw the waste and signed with their own password. */
  witnessedBy: string | null;
}

export interface KetamineBalance {
  drawnMg: number;
  /** What the pump record says was delivered. */
  givenMg: number;
  wastedMg: number;
  /** drawn − given − wasted, to 0.1 mg. */
  balanceMg: number;
  /** Nothing drawn yet: no record to close. */
  recorded: boolean;
  closed: boolean;
}

const mg = z
  .number({ error: expecting(`must be a number of mg between 0.1 and ${MAX_KETAMINE_ENTRY_MG}`) })
  .min(0.1, `must be between 0.1 and ${MAX_KETAMINE_ENTRY_MG} mg`)
  .max(MAX_KETAMINE_ENTRY_MG, `must be between 0.1 and ${MAX_KETAMINE_ENTRY_MG} mg`);

/** `POST /sessions/:id/ketamine/draw`: what was drawn up, from which lot. */
export const ketamineDrawSchema = z.strictObject({
  mg,
  lot: plainText(
    z
      .string({ error: expecting('must be the lot number') })
      .trim()
      .min(1, 'must name the lot')
      .max(64, 'must be at most 64 characters'),
  ),
});
export type KetamineDrawInput = z.input<typeof ketamineDrawSchema>;

/** `POST /sessions/:id/ketamine/waste`: the witness signs with their own username and password. */
export const ketamineWasteSchema = z.strictObject({
  mg,
  witness: z.strictObject({
    username: z
      .string({ error: expecting('must be a username') })
      .trim()
      .min(1)
      .max(64),
    password: z
      .string({ error: expecting('must be a password') })
      .min(1)
      .max(256),
  }),
});
export type KetamineWasteInput = z.input<typeof ketamineWasteSchema>;

/** To 0.1 mg; a balance that rounds to zero reads 0, never "-0 mg". */
const tenths = (value: number): number => Math.round(value * 10) / 10 || 0;

/** The record against the pump: what is still unaccounted for. */
export function ketamineBalance(
  entries: readonly Pick<KetamineEntry, 'kind' | 'mg'>[],
  givenMg: number,
): KetamineBalance {
  const sum = (kind: KetamineEntryKind) =>
    entries.filter((entry) => entry.kind === kind).reduce((total, entry) => total + entry.mg, 0);
  const drawnMg = sum('drawn');
  const wastedMg = sum('wasted');
  const balanceMg = tenths(drawnMg - givenMg - wastedMg);
  return {
    drawnMg: tenths(drawnMg),
    givenMg: tenths(givenMg),
    wastedMg: tenths(wastedMg),
    balanceMg,
    recorded: drawnMg > 0,
    closed: Math.abs(balanceMg) <= KETAMINE_BALANCE_TOLERANCE_MG,
  };
}

/**
 * The pump gave ketamine and no draw is on record: it came from a vial the record does not name.
 * A session started before the administration record has no controlled-substance record to close
 * (its dose given is an estimate), so it owes none.
 */
export function ketamineGivenWithoutDraw(
  balance: Pick<KetamineBalance, 'recorded' | 'givenMg'>,
  startedBeforeRecord: boolean,
): boolean {
  return !startedBeforeRecord && !balance.recorded && balance.givenMg > 0;
}
