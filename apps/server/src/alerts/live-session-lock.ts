import { isLiveSession, type SessionState } from '@vigil/shared';
import { queryEachWithAuditHead, type AuditChainHead } from '../audit/audit.service';
import type { SqlRunner, Statement } from '../database/sqlite-thread';

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
  const { sql, parameters } = liveSessionLock(manager, sessionId, lock);
  return isLive(await manager.query<StateRows>(sql, parameters));
}

/**
 * `lockLiveSession` FOR SHARE, for a transaction that appends to the audit chain: on SQLite the
 * chain's head comes in the same message (`queryEachWithAuditHead`), one round trip to the writer
 * thread fewer.
 */
export async function lockLiveSessionToAppend(
  manager: SqlRunner,
  sessionId: string,
): Promise<{ live: boolean; auditHead?: AuditChainHead }> {
  const {
    results: [state],
    auditHead,
  } = await queryEachWithAuditHead(manager, [liveSessionLock(manager, sessionId, 'FOR SHARE')]);
  return { live: isLive(state as StateRows), auditHead };
}

/**
 * The statement that takes `lockLiveSession`'s FOR SHARE lock on the session of an alert, known
 * by the alert's id alone (an alert never moves to another session): so that a command on it can
 * take the session's lock and then the alert's in one message.
 */
export function sessionOfAlertLock(manager: SqlRunner, alertId: string): Statement {
  return sessionStateLock(
    manager,
    (parameter) => `(SELECT session_id FROM alert WHERE id = ${parameter})`,
    alertId,
    'FOR SHARE',
  );
}

type StateRows = Array<{ state: SessionState }>;

function liveSessionLock(
  manager: SqlRunner,
  sessionId: string,
  lock: 'FOR SHARE' | 'FOR UPDATE',
): Statement {
  return sessionStateLock(manager, (parameter) => parameter, sessionId, lock);
}

/** The session's state, the session found by `id` from the one parameter; locked on PostgreSQL. */
function sessionStateLock(
  manager: SqlRunner,
  id: (parameter: string) => string,
  value: string,
  lock: 'FOR SHARE' | 'FOR UPDATE',
): Statement {
  const postgres = manager.connection.options.type === 'postgres';
  return {
    sql: `SELECT state FROM infusion_session WHERE id = ${id(postgres ? '$1' : '?')}${postgres ? ` ${lock}` : ''}`,
    parameters: [value],
  };
}

function isLive([row]: StateRows): boolean {
  return row !== undefined && isLiveSession(row.state);
}
