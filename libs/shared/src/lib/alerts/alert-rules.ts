import type { AlertPriority } from './alert.types';
import type { ThresholdRule } from './threshold-profile';

/** How one rule stands for one session: pure data, advanced sample by sample. */
export interface RuleState {
  /** Sample time (ms) since which the condition has held without a break, or null. */
  conditionSince: number | null;
  /** Sample time (ms) since which the condition has been absent while an alert is open, or null. */
  clearSince: number | null;
  /** The worst priority the current condition has reached. */
  conditionPriority: AlertPriority | null;
  open: OpenAlert | null;
  /** The previous value seen for this rule's sign, to judge a jump as implausible. */
  previous: { value: number; at: number } | null;
}

export interface OpenAlert {
  priority: AlertPriority;
  value: number;
  threshold: number;
  acknowledged: boolean;
}

export type RuleEvent =
  | { type: 'raise'; priority: AlertPriority; value: number; threshold: number; at: number }
  | { type: 'upgrade'; priority: AlertPriority; value: number; threshold: number; at: number }
  | { type: 'resolve'; at: number };

export const INITIAL_RULE_STATE: RuleState = {
  conditionSince: null,
  clearSince: null,
  conditionPriority: null,
  open: null,
  previous: null,
};

const RANK: Record<AlertPriority, number> = { low: 0, medium: 1, high: 2 };

export function worsePriority(a: AlertPriority, b: AlertPriority): boolean {
  return RANK[a] > RANK[b];
}

function breaks(rule: ThresholdRule, value: number, limit: number): boolean {
  if (rule.direction === 'below') return value < limit;
  return rule.inclusive ? value >= limit : value > limit;
}

/** The priority a single value deserves under the rule, and the limit it broke. */
export function classify(
  rule: ThresholdRule,
  value: number,
): { priority: AlertPriority; threshold: number } | null {
  if (rule.high !== null && breaks(rule, value, rule.high))
    return { priority: 'high', threshold: rule.high };
  if (rule.medium !== null && breaks(rule, value, rule.medium))
    return { priority: 'medium', threshold: rule.medium };
  return null;
}

/** A fall of SpO2 faster than a body can desaturate: a probe off the finger, not the patient. */
const IMPLAUSIBLE_SPO2_DROP = 10;
const IMPLAUSIBLE_WITHIN_MS = 2_000;

export interface EvaluationOptions {
  /** SpO2 under this raises without waiting for the delay (once plausible). */
  deepDesaturationSpo2?: number;
}

/**
 * Advances one rule by one sample, on the sample's own time. Raises once the condition has held
 * for the delay (a deep desaturation at once, unless it is an implausible one-sample drop), upgrades
 * an open alert when it worsens (never opens a second), and resolves once the condition has been
 * absent for the clear time — except a high alert not yet acknowledged, which stays latched.
 *
 * A sample older than the newest one the rule has seen (a monitor's backlog after an outage, a
 * reading entered late by hand) is stored and charted, but leaves the rule as it is: the alarm is
 * about the patient now, and a minute of old normal values must not restart a running delay or
 * clear an alert whose condition the newer samples still show.
 */
export function evaluateSample(
  rule: ThresholdRule,
  state: RuleState,
  value: number,
  at: number,
  options: EvaluationOptions = {},
): { state: RuleState; events: RuleEvent[] } {
  if (state.previous && at < state.previous.at) return { state, events: [] };
  const events: RuleEvent[] = [];
  const next: RuleState = { ...state, previous: { value, at } };
  const found = classify(rule, value);
  if (!found) {
    next.conditionSince = null;
    next.conditionPriority = null;
    if (next.open) {
      next.clearSince = state.clearSince ?? at;
      const latched = next.open.priority === 'high' && !next.open.acknowledged;
      if (!latched && at - next.clearSince >= rule.clearS * 1000) {
        events.push({ type: 'resolve', at });
        next.open = null;
        next.clearSince = null;
      }
    }
    return { state: next, events };
  }
  next.clearSince = null;
  next.conditionSince = state.conditionSince ?? at;
  next.conditionPriority =
    state.conditionPriority && !worsePriority(found.priority, state.conditionPriority)
      ? state.conditionPriority
      : found.priority;
  if (next.open) {
    if (worsePriority(found.priority, next.open.priority)) {
      // A worse priority is a new alarm condition for whoever acknowledged the milder one: it
      // must be acknowledged again (and, if high, stays latched until it is).
      next.open = {
        priority: found.priority,
        value,
        threshold: found.threshold,
        acknowledged: false,
      };
      events.push({
        type: 'upgrade',
        priority: found.priority,
        value,
        threshold: found.threshold,
        at,
      });
    }
    return { state: next, events };
  }
  const held = at - next.conditionSince >= rule.delayS * 1000;
  const deep =
    rule.sign === 'spo2' &&
    options.deepDesaturationSpo2 !== undefined &&
    value < options.deepDesaturationSpo2 &&
    !(
      state.previous &&
      at - state.previous.at <= IMPLAUSIBLE_WITHIN_MS &&
      state.previous.value - value > IMPLAUSIBLE_SPO2_DROP &&
      classify(rule, state.previous.value) === null
    );
  if (held || deep) {
    next.open = {
      priority: found.priority,
      value,
      threshold: found.threshold,
      acknowledged: false,
    };
    events.push({ type: 'raise', priority: found.priority, value, threshold: found.threshold, at });
  }
  return { state: next, events };
}

/**
 * An acknowledgement: the alert stays open while its condition holds; a latched high alert whose
 * condition already cleared resolves now.
 */
export function acknowledgeRule(
  state: RuleState,
  at: number,
): { state: RuleState; events: RuleEvent[] } {
  if (!state.open) return { state, events: [] };
  if (state.conditionSince === null) {
    return { state: { ...state, open: null, clearSince: null }, events: [{ type: 'resolve', at }] };
  }
  return { state: { ...state, open: { ...state.open, acknowledged: true } }, events: [] };
}
