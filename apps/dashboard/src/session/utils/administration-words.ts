import { roundMg, type KetamineEntry, type PumpEvent, type PumpEventKind } from '@vigil/shared';
import { assertNever } from '../../ui/utils/assert-never';

/** What the nurse did at the pump, as the record reads it. */
export function pumpEventLabel(kind: PumpEventKind): string {
  switch (kind) {
    case 'start':
      return 'Pump started';
    case 'rate-change':
      return 'Rate changed';
    case 'pause':
      return 'Pump paused';
    case 'resume':
      return 'Pump resumed';
    case 'stop':
      return 'Pump stopped';
    default:
      return assertNever(kind);
  }
}

/** `40 mL/h`; a pause or a stop reads as the pump at rest. */
export function pumpRateWords(event: Pick<PumpEvent, 'kind' | 'rateMlPerH'>): string {
  return event.rateMlPerH > 0 ? `${event.rateMlPerH} mL/h` : 'at rest';
}

/** `12.3 mg`, to the tenth the record keeps. */
export function formatMg(mg: number): string {
  return `${roundMg(mg).toFixed(1)} mg`;
}

/** One line of the controlled-substance record, with whoever signed it. */
export function ketamineEntryWords(entry: KetamineEntry): string {
  return entry.kind === 'drawn'
    ? `Drawn ${formatMg(entry.mg)}${entry.lot ? ` (lot ${entry.lot})` : ''} by ${entry.recordedBy}`
    : `Wasted ${formatMg(entry.mg)} by ${entry.recordedBy}, witnessed by ${entry.witnessedBy ?? 'no witness on record'}`;
}
