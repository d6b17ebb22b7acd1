import { ketamineBalance, type KetamineBalance, type KetamineEntry } from '@vigil/shared';
import type { EntityManager } from 'typeorm';
import { KetamineEntryEntity } from './ketamine-entry.entity';

export function toKetamineEntry(entity: KetamineEntryEntity): KetamineEntry {
  return {
    id: entity.id,
    sessionId: entity.sessionId,
    kind: entity.kind,
    mg: entity.mg,
    lot: entity.lot,
    at: entity.at,
    recordedBy: entity.recordedBy,
    witnessedBy: entity.witnessedBy,
  };
}

export async function ketamineEntriesOf(
  manager: EntityManager,
  sessionId: string,
): Promise<KetamineEntry[]> {
  const rows = await manager.find(KetamineEntryEntity, {
    where: { sessionId },
    order: { at: 'ASC' },
  });
  return rows.map(toKetamineEntry);
}

/** The session's controlled-substance record against what the pump record says it delivered. */
export async function ketamineBalanceOf(
  manager: EntityManager,
  sessionId: string,
  deliveredMg: number,
): Promise<KetamineBalance> {
  return ketamineBalance(await ketamineEntriesOf(manager, sessionId), deliveredMg);
}
