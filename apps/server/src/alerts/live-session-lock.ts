import { isLiveSession, type SessionState } from '@vigil/shared';
import type { SqlRunner } from '../database/sqlite-thread';

/**
 * Whether the session still occupies its chair, read with a row lock on PostgreSQL (SQLite's
 * writers take turns already), so that ending a session and writing one of its alerts are
 * ordered: a write that locked first commits before the end resolves its alerts, one that comes
 * second finds the session ended. Take it first in the transaction, before the audit chain's lock,
 * so that every transaction takes the two in the same order. FOR UPDATE also makes writers of the
 * same session take turns (two severe events at once); FOR SHARE lets raises run side by side.
 */
export async function lockLiveSession(
  manager: SqlRunner,
  sessionId: string,
  lock: 'FOR SHARE' | 'FOR UPDATE',
): Promise<boolean> {
  const postgres = manager.connection.options.type === 'postgres';
  const [row] = await manager.query<Array<{ state: SessionState }>>(
    postgres
      ? `SELECT state FROM infusion_session WHERE id = $1 ${lock}`
      : 'SELECT state FROM infusion_session WHERE id = ?',
    [sessionId],
  );
  return row !== undefined && isLiveSession(row.state);
}
