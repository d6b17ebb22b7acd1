import { clinicalAlertMessage } from './alert-message';
import type { Alert, AlertPriority, AlertResolvedReason, AlertState } from './alert.types';

/** What the deciders read of an alert as stored. */
export type AlertFacts = Pick<
  Alert,
  | 'code'
  | 'kind'
  | 'priority'
  | 'state'
  | 'message'
  | 'value'
  | 'threshold'
  | 'raisedAt'
  | 'acknowledgedAt'
  | 'remindedAt'
  | 'escalationLevel'
  | 'revision'
>;

/** Every change an open alert can go through after its raise. */
export type AlertCommand =
  /**
   * A nurse or physician has seen it, at `seenPriority` when the screen said which. A clinical
   * alert, having no condition to clear, closes.
   */
  | {
      type: 'acknowledge';
      by: string;
      at: string;
      note: string | null;
      seenPriority?: AlertPriority;
      /** The screen's own label ("Ward screen 2", "phone"). */
      from?: string | null;
    }
  /** The condition worsened past a stricter limit; `value` is the worst so far. */
  | { type: 'upgrade'; priority: AlertPriority; value: number; threshold: number; message: string }
  /** Another severe event of the same kind while the clinical alert is open. */
  | { type: 'repeat'; event: string }
  /** The words on the screen follow the condition (the current and the worst value). */
  | { type: 'rewrite'; value: number; threshold: number; message: string }
  /** Acknowledged, its condition persists: remind once per reminder period. */
  | { type: 'remind'; at: string; everyMs: number }
  /**
   * Unacknowledged `afterMs` after its raise: one step up, to `level` (1 the supervising
   * physician, 2 the charge nurse and everyone on duty), each step once and in order.
   */
  | { type: 'escalate'; at: string; afterMs: number; level: number }
  | { type: 'resolve'; at: string; reason: AlertResolvedReason };

export type AlertChanges = Partial<
  Pick<
    Alert,
    | 'priority'
    | 'state'
    | 'message'
    | 'value'
    | 'threshold'
    | 'acknowledgedAt'
    | 'acknowledgedBy'
    | 'acknowledgedFrom'
    | 'resolvedAt'
    | 'resolvedReason'
    | 'escalationLevel'
    | 'remindedAt'
  > & { acknowledgeNote: string | null }
>;

/** An audit entry the change is recorded with, in the same transaction. */
export interface AlertAuditNote {
  action:
    | 'alert.acknowledged'
    | 'alert.upgraded'
    | 'alert.repeated'
    | 'alert.reminded'
    | 'alert.escalated'
    | 'alert.resolved';
  detail: Record<string, unknown>;
}

/**
 * Why a command changes nothing: the alert is closed already, someone acknowledged it first, it
 * has worsened since the person acknowledging it saw it, nothing is due yet, or the change would
 * say nothing new. For a person's acknowledgement the first three are a 409; for the engine and
 * the sweep every refusal just means "nothing to do".
 */
export type AlertRefusal =
  'resolved' | 'acknowledged' | 'worsened' | 'not-due' | 'not-worse' | 'unchanged';

export type AlertDecision =
  | { outcome: 'change'; changes: AlertChanges; audit: AlertAuditNote[] }
  | { outcome: 'refused'; refusal: AlertRefusal; state: AlertState };

const RANK: Record<AlertPriority, number> = { low: 0, medium: 1, high: 2 };

/** An acknowledged alert made news again (a worse condition, another severe event). */
const REACTIVATED = {
  state: 'active',
  acknowledgedAt: null,
  acknowledgedBy: null,
  acknowledgedFrom: null,
  acknowledgeNote: null,
  remindedAt: null,
} satisfies AlertChanges;

/**
 * The one place that decides what a command does to an alert, on the state it was read in.
 * The server writes the changes conditionally on that state's revision, so two commands decided
 * on the same revision cannot both be written.
 */
export function decideAlert(alert: AlertFacts, command: AlertCommand): AlertDecision {
  if (alert.state === 'resolved') return refused(alert, 'resolved');
  switch (command.type) {
    case 'acknowledge':
      return acknowledge(alert, command);
    case 'upgrade':
      return upgrade(alert, command);
    case 'repeat':
      return repeat(alert, command.event);
    case 'rewrite':
      return rewrite(alert, command);
    case 'remind':
      return remind(alert, command.at, command.everyMs);
    case 'escalate':
      return escalate(alert, command);
    case 'resolve':
      return change({ state: 'resolved', resolvedAt: command.at, resolvedReason: command.reason }, [
        resolvedNote(alert, command.reason),
      ]);
  }
}

/** Of two copies of one alert, the current one: revisions only grow. */
export function newerAlert<T extends Pick<Alert, 'id' | 'revision'>>(
  known: T | undefined,
  incoming: T,
): T {
  return known && known.id === incoming.id && known.revision > incoming.revision ? known : incoming;
}

function acknowledge(
  alert: AlertFacts,
  command: Extract<AlertCommand, { type: 'acknowledge' }>,
): AlertDecision {
  if (alert.state === 'acknowledged') return refused(alert, 'acknowledged');
  // An acknowledgement of the milder alert is not one of the worse alert it has become.
  if (command.seenPriority && RANK[command.seenPriority] < RANK[alert.priority])
    return refused(alert, 'worsened');
  const acknowledged: AlertChanges = {
    state: 'acknowledged',
    acknowledgedAt: command.at,
    acknowledgedBy: command.by,
    acknowledgedFrom: command.from ?? null,
    acknowledgeNote: command.note,
  };
  const note: AlertAuditNote = {
    action: 'alert.acknowledged',
    detail: {
      code: alert.code,
      priority: alert.priority,
      note: command.note,
      from: command.from ?? null,
    },
  };
  if (alert.kind !== 'clinical') return change(acknowledged, [note]);
  return change(
    { ...acknowledged, state: 'resolved', resolvedAt: command.at, resolvedReason: 'acknowledged' },
    [note, resolvedNote(alert, 'acknowledged')],
  );
}

/**
 * A worse value raises the priority, never lowers it. An alert acknowledged at the milder
 * priority becomes active again: the worse condition is news to whoever acknowledged it.
 */
function upgrade(
  alert: AlertFacts,
  command: Extract<AlertCommand, { type: 'upgrade' }>,
): AlertDecision {
  if (RANK[command.priority] <= RANK[alert.priority]) return refused(alert, 'not-worse');
  const reactivated = alert.state === 'acknowledged';
  return change(
    {
      priority: command.priority,
      value: command.value,
      threshold: command.threshold,
      message: command.message,
      ...(reactivated && REACTIVATED),
    },
    [
      {
        action: 'alert.upgraded',
        detail: {
          code: alert.code,
          from: alert.priority,
          to: command.priority,
          value: command.value,
          reactivated,
        },
      },
    ],
  );
}

/** The open clinical alert counts the events it stands for (`value`) and names the newest. */
function repeat(alert: AlertFacts, event: string): AlertDecision {
  const count = (alert.value ?? 1) + 1;
  const message = clinicalAlertMessage(event, count, alert.code);
  return change({ value: count, message, ...REACTIVATED }, [
    {
      action: 'alert.repeated',
      detail: { code: alert.code, message, reactivated: alert.state === 'acknowledged' },
    },
  ]);
}

/**
 * Not audited: the raise, upgrades and resolution are, and the readings themselves are stored;
 * this is what the words on the screen say in between (at most every few seconds).
 */
function rewrite(
  alert: AlertFacts,
  command: Extract<AlertCommand, { type: 'rewrite' }>,
): AlertDecision {
  if (
    alert.message === command.message &&
    alert.value === command.value &&
    alert.threshold === command.threshold
  )
    return refused(alert, 'unchanged');
  return change(
    { value: command.value, threshold: command.threshold, message: command.message },
    [],
  );
}

function remind(alert: AlertFacts, at: string, everyMs: number): AlertDecision {
  const last = alert.remindedAt ?? alert.acknowledgedAt;
  if (alert.state !== 'acknowledged' || !last || Date.parse(last) > Date.parse(at) - everyMs)
    return refused(alert, 'not-due');
  return change({ remindedAt: at }, [
    { action: 'alert.reminded', detail: { code: alert.code, priority: alert.priority } },
  ]);
}

function escalate(
  alert: AlertFacts,
  { at, afterMs, level }: Extract<AlertCommand, { type: 'escalate' }>,
): AlertDecision {
  if (
    alert.state !== 'active' ||
    alert.escalationLevel !== level - 1 ||
    alert.priority === 'low' ||
    Date.parse(alert.raisedAt) > Date.parse(at) - afterMs
  )
    return refused(alert, 'not-due');
  return change({ escalationLevel: level }, [
    {
      action: 'alert.escalated',
      detail: { code: alert.code, priority: alert.priority, level },
    },
  ]);
}

function resolvedNote(alert: AlertFacts, reason: AlertResolvedReason): AlertAuditNote {
  return { action: 'alert.resolved', detail: { code: alert.code, reason } };
}

function change(changes: AlertChanges, audit: AlertAuditNote[]): AlertDecision {
  return { outcome: 'change', changes, audit };
}

function refused(alert: AlertFacts, refusal: AlertRefusal): AlertDecision {
  return { outcome: 'refused', refusal, state: alert.state };
}
