import type { TimelineEvent } from '@vigil/shared';

/** A recovering patient is checked this often: vitals, MOAA/S and CADSS-6. */
export const RECOVERY_CHECK_INTERVAL_MIN = 15;

const MINUTE_MS = 60_000;

/** A check recorded in recovery: an observation carrying a MOAA/S or CADSS-6 score. */
export interface RecoveryCheck {
  at: string;
  moaas?: number;
  cadss6?: number;
}

export interface RecoveryStatus {
  /** Whole minutes since the infusion stopped. */
  elapsedMin: number;
  minimumMin: number;
  /** Whole minutes still to wait before the minimum recovery time is reached; 0 once it is. */
  remainingMin: number;
  /** The check after the last one recorded (or after the stop, before any). */
  nextCheckDueAt: number;
  checkDue: boolean;
  /** Whole minutes the due check is late by; 0 when not due. */
  checkLateMin: number;
}

const score = (scores: unknown, scale: 'moaas' | 'cadss6'): number | undefined => {
  if (typeof scores !== 'object' || scores === null) return undefined;
  const value = (scores as Record<string, unknown>)[scale];
  return typeof value === 'number' ? value : undefined;
};

/** The checks recorded since the stop, oldest first. */
export function recoveryChecks(
  events: readonly TimelineEvent[],
  recoveryStartedAt: string,
): RecoveryCheck[] {
  const start = Date.parse(recoveryStartedAt);
  return events
    .filter((event) => event.kind === 'observation' && Date.parse(event.at) >= start)
    .map((event) => ({
      at: event.at,
      moaas: score(event.detail['scores'], 'moaas'),
      cadss6: score(event.detail['scores'], 'cadss6'),
    }))
    .filter((check) => check.moaas !== undefined || check.cadss6 !== undefined)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/**
 * Where recovery stands: the clock against the limits' minimum, and whether a check is due. A
 * check is due every RECOVERY_CHECK_INTERVAL_MIN minutes from the last one recorded, the first
 * that long after the stop.
 */
export function recoveryStatus(
  recoveryStartedAt: string,
  minimumMin: number,
  checks: readonly RecoveryCheck[],
  now: number,
): RecoveryStatus {
  const start = Date.parse(recoveryStartedAt);
  const elapsedMs = Math.max(0, now - start);
  const lastCheck = checks.reduce((latest, check) => Math.max(latest, Date.parse(check.at)), start);
  const nextCheckDueAt = lastCheck + RECOVERY_CHECK_INTERVAL_MIN * MINUTE_MS;
  const checkDue = now >= nextCheckDueAt;
  return {
    elapsedMin: Math.floor(elapsedMs / MINUTE_MS),
    minimumMin,
    remainingMin: Math.max(0, Math.ceil((minimumMin * MINUTE_MS - elapsedMs) / MINUTE_MS)),
    nextCheckDueAt,
    checkDue,
    checkLateMin: checkDue ? Math.floor((now - nextCheckDueAt) / MINUTE_MS) : 0,
  };
}
