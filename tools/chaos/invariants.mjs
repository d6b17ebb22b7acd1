// What must hold after every fault, checked through the API as a clinician and an auditor would.
import { api } from './ward.mjs';

/**
 * Every sample answered 202 is stored exactly once.
 * @param {string} base
 * @param {string} token
 * @param {Array<{ bed: { sessionId: string }, accepted: Set<string> }>} monitors
 */
export async function checkReadings(base, token, monitors) {
  let lost = 0;
  let duplicated = 0;
  let accepted = 0;
  for (const monitor of monitors) {
    // Taken before the read: a reading answered 202 while the read runs is checked next time.
    const expected = [...monitor.accepted];
    const reply = await api(base, `/sessions/${monitor.bed.sessionId}/vitals`, {
      token,
      timeoutMs: 30_000,
    });
    if (reply.status !== 200) return null;
    /** @type {Map<string, number>} */
    const stored = new Map();
    for (const sample of reply.body) {
      const key = `${sample.seq}|${new Date(sample.at).toISOString()}`;
      stored.set(key, (stored.get(key) ?? 0) + 1);
    }
    accepted += expected.length;
    for (const key of expected) {
      const count = stored.get(key) ?? 0;
      if (count === 0) lost += 1;
      if (count > 1) duplicated += count - 1;
    }
  }
  return { accepted, lost, duplicated };
}

/**
 * Every alert raised reaches every screen (live, or by its backfill after a reconnect); no alert
 * is open twice at once for one session and code.
 * @param {string} base
 * @param {string} token
 * @param {Array<{ live: Set<string>, backfilled: Set<string> }>} screens
 * @param {number} raisedBefore only alerts old enough to have been delivered
 */
export async function checkAlerts(base, token, screens, raisedBefore) {
  const reply = await api(base, '/alerts', { token, timeoutMs: 30_000 });
  if (reply.status !== 200) return null;
  /** @type {Array<{ id: string, sessionId: string, code: string, raisedAt: string, resolvedAt: string | null }>} */
  const alerts = reply.body;
  let missed = 0;
  let onlyByBackfill = 0;
  for (const alert of alerts) {
    if (Date.parse(alert.raisedAt) > raisedBefore) continue;
    for (const screen of screens) {
      if (!screen.live.has(alert.id)) {
        if (screen.backfilled.has(alert.id)) onlyByBackfill += 1;
        else missed += 1;
      }
    }
  }
  /** @type {Map<string, typeof alerts>} */
  const byCondition = new Map();
  for (const alert of alerts) {
    const key = `${alert.sessionId}|${alert.code}`;
    byCondition.set(key, [...(byCondition.get(key) ?? []), alert]);
  }
  let raisedTwice = 0;
  for (const group of byCondition.values()) {
    group.sort((a, b) => a.raisedAt.localeCompare(b.raisedAt));
    group.forEach((alert, index) => {
      const previous = group[index - 1];
      if (previous && (previous.resolvedAt === null || previous.resolvedAt > alert.raisedAt)) {
        raisedTwice += 1;
      }
    });
  }
  return { alerts: alerts.length, missed, onlyByBackfill, raisedTwice };
}

/**
 * @param {string} base
 * @param {string} token an auditor's
 */
export async function checkAuditChain(base, token) {
  const reply = await api(base, '/audit/verify', { token, timeoutMs: 60_000 });
  if (reply.status !== 200) return null;
  return {
    valid: reply.body.valid === true,
    entries: reply.body.entries ?? null,
    brokenAt: reply.body.brokenAt ?? null,
  };
}
