import { ALDRETE_ITEMS, type AldreteItem, type DischargeInput } from '@vigil/shared';
import { optionalText, parseNumberField } from './parse-number';

/** What the nurse has chosen and typed; an empty score is not scored yet (no default). */
export interface DischargeDraft {
  aldrete: Record<AldreteItem, string>;
  moaas: string;
  escortName: string;
  escortPhone: string;
  note: string;
}

export const EMPTY_DISCHARGE: DischargeDraft = {
  aldrete: {
    activity: '',
    respiration: '',
    circulation: '',
    consciousness: '',
    oxygenSaturation: '',
  },
  moaas: '',
  escortName: '',
  escortPhone: '',
  note: '',
};

/** The draft as the shared schema (and the server) reads it. */
export function dischargeFromDraft(draft: DischargeDraft): unknown {
  return {
    aldrete: Object.fromEntries(
      ALDRETE_ITEMS.map((item) => [item, parseNumberField(draft.aldrete[item])]),
    ),
    moaas: parseNumberField(draft.moaas),
    escort: { name: draft.escortName.trim(), phone: optionalText(draft.escortPhone) },
    note: optionalText(draft.note),
  };
}

/**
 * What the live checklist judges: only what has been entered, so a score not chosen yet reads as
 * pending rather than as a failing zero.
 */
export function partialDischarge(draft: DischargeDraft): Partial<DischargeInput> {
  const aldrete: Partial<Record<AldreteItem, number>> = {};
  for (const item of ALDRETE_ITEMS) {
    const score = parseNumberField(draft.aldrete[item]);
    if (score !== undefined) aldrete[item] = score;
  }
  const moaas = parseNumberField(draft.moaas);
  const name = draft.escortName.trim();
  return {
    aldrete: aldrete as DischargeInput['aldrete'],
    ...(moaas !== undefined && { moaas }),
    ...(name && { escort: { name } }),
  };
}
