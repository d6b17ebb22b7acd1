import type { AlertPriority } from './alert.types';
import type { ThresholdRule } from './threshold-profile';

/**
 * How one source's readings stand under one rule. Each source (a monitor, a second monitor, a
 * nurse's manual entries) is judged on its own stream and its own clock, so that no source's
 * readings can hide, clear or delay what another source's readings show.
 */
export interface SourceRuleState {
  /** Whose readings: a monitor's device, a second monitor, a nurse's manual entries. */
  source: string;
  /** Reading time (ms, this source's clock) since which the condition has held without a break. */
  conditionSince: number | null;
  /** Reading time since which this source's readings have been normal while an alert is open. */
  clearSince: number | null;
  /** The worst priority this source's current condition has reached. */
  conditionPriority: AlertPriority | null;
  /**
   * This source has shown the condition while the alert was open or pending: the alert cannot
   * resolve until this source's own readings have been clear for the clear time.
   */
  involved: boolean;
  /** This source's newest reading for the rule's sign: to ignore older ones, and judge a jump. */
  previous: { value: number; at: number } | null;
}

/** How one rule stands for one session: one alert, fed by every source's readings. */
export interface RuleState {
  /**
   * Each source heard, once. A list, not an object keyed by source: every session's monitor has
   * its own key, and an object shape per monitor made the rules about twice as dear a reading.
   */
  sources: readonly SourceRuleState[];
  open: OpenAlert | null;
  /**
   * When the open alert was taken over without the readings that opened it (after a restart, or
   * opened by another instance): its condition is assumed to persist until readings here show it
   * clear for the clear time, so an acknowledgement alone cannot close it meanwhile.
   */
  assumedSince: number | null;
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

export const INITIAL_RULE_STATE: RuleState = { sources: [], open: null, assumedSince: null };

/** Nothing changed: shared, as most readings change nothing but the source's newest reading. */
const NO_EVENTS: readonly RuleEvent[] = Object.freeze([]);

function silentSource(source: string): SourceRuleState {
  return {
    source,
    conditionSince: null,
    clearSince: null,
    conditionPriority: null,
    involved: false,
    previous: null,
  };
}

/** The source's state in the rule, if it has been heard. */
export function sourceState(state: RuleState, source: string): SourceRuleState | undefined {
  return state.sources.find((candidate) => candidate.source === source);
}

function withSource(sources: readonly SourceRuleState[], own: SourceRuleState): SourceRuleState[] {
  const index = sources.findIndex((candidate) => candidate.source === own.source);
  if (index === -1) return [...sources, own];
  const copy = sources.slice();
  copy[index] = own;
  return copy;
}

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
 * Advances one rule by one reading of one source, on the reading's own time. Raises once any
 * source's condition has held for the delay (a deep desaturation at once, unless it is an
 * implausible one-sample drop), upgrades the open alert when any source shows it worse (never
 * opens a second), and resolves once no source still shows the condition: every source that showed
 * it has been clear for the clear time — except a high alert not yet acknowledged, which stays
 * latched. A source that falls silent while showing the condition keeps the alert open (silence is
 * SIGNAL_LOSS's business, not a sign of recovery).
 *
 * A reading older than the newest one its source has sent (a monitor's backlog after an outage, a
 * reading entered late by hand) is stored and charted, but leaves the rule as it is: the alarm is
 * about the patient now, and a minute of old normal values must not restart a running delay or
 * clear an alert whose condition the newer readings still show. Another source's newer clock is
 * no reason to ignore a reading: each source is late or not only against itself.
 */
export function evaluateSample(
  rule: ThresholdRule,
  state: RuleState,
  source: string,
  value: number,
  at: number,
  options: EvaluationOptions = {},
): { state: RuleState; events: readonly RuleEvent[] } {
  const own = sourceState(state, source) ?? silentSource(source);
  if (own.previous && at < own.previous.at) return { state, events: NO_EVENTS };
  const found = classify(rule, value);
  const advanced = advanceSource(own, found, value, at, state.open);
  const next: RuleState = {
    sources: withSource(state.sources, advanced),
    open: state.open,
    assumedSince: state.assumedSince,
  };
  if (!found) {
    if (!next.open) return { state: next, events: NO_EVENTS };
    if (!conditionCleared(rule, next)) return { state: next, events: NO_EVENTS };
    const latched = next.open.priority === 'high' && !next.open.acknowledged;
    // Latched, the alert waits for an acknowledgement, which may now close it.
    if (latched) return { state: { ...next, assumedSince: null }, events: NO_EVENTS };
    return { state: closed(next), events: [{ type: 'resolve', at }] };
  }
  if (next.open) {
    if (!worsePriority(found.priority, next.open.priority))
      return { state: next, events: NO_EVENTS };
    // A worse priority is a new alarm condition for whoever acknowledged the milder one: it
    // must be acknowledged again (and, if high, stays latched until it is).
    next.open = {
      priority: found.priority,
      value,
      threshold: found.threshold,
      acknowledged: false,
    };
    return {
      state: next,
      events: [
        { type: 'upgrade', priority: found.priority, value, threshold: found.threshold, at },
      ],
    };
  }
  const held = at - (advanced.conditionSince ?? at) >= rule.delayS * 1000;
  const deep =
    rule.sign === 'spo2' &&
    options.deepDesaturationSpo2 !== undefined &&
    value < options.deepDesaturationSpo2 &&
    !(
      own.previous &&
      at - own.previous.at <= IMPLAUSIBLE_WITHIN_MS &&
      own.previous.value - value > IMPLAUSIBLE_SPO2_DROP &&
      classify(rule, own.previous.value) === null
    );
  if (!held && !deep) return { state: next, events: NO_EVENTS };
  next.open = { priority: found.priority, value, threshold: found.threshold, acknowledged: false };
  return {
    state: next,
    events: [{ type: 'raise', priority: found.priority, value, threshold: found.threshold, at }],
  };
}

function advanceSource(
  own: SourceRuleState,
  found: { priority: AlertPriority } | null,
  value: number,
  at: number,
  open: OpenAlert | null,
): SourceRuleState {
  const previous = { value, at };
  if (!found) {
    // With no alert open, a source that is clear again has nothing left to clear.
    if (!open) return { ...silentSource(own.source), previous };
    return {
      source: own.source,
      conditionSince: null,
      clearSince: own.clearSince ?? at,
      conditionPriority: null,
      involved: own.involved,
      previous,
    };
  }
  return {
    source: own.source,
    conditionSince: own.conditionSince ?? at,
    clearSince: null,
    conditionPriority:
      own.conditionPriority && !worsePriority(found.priority, own.conditionPriority)
        ? own.conditionPriority
        : found.priority,
    involved: true,
    previous,
  };
}

function clearForClearTime(rule: ThresholdRule, source: SourceRuleState): boolean {
  return (
    source.conditionSince === null &&
    source.clearSince !== null &&
    source.previous !== null &&
    source.previous.at - source.clearSince >= rule.clearS * 1000
  );
}

/**
 * No source still shows the condition: every source that showed it has been clear for the clear
 * time on its own clock, and some source has (the one an alert taken over from elsewhere needs).
 */
export function conditionCleared(rule: ThresholdRule, state: RuleState): boolean {
  const { sources } = state;
  return (
    sources.some((source) => clearForClearTime(rule, source)) &&
    sources.every((source) => !source.involved || clearForClearTime(rule, source))
  );
}

/** Some source's newest reading shows the condition. */
export function conditionShown(state: RuleState): boolean {
  return state.sources.some((source) => source.conditionSince !== null);
}

/** The alert is gone: every source starts the next episode from its newest reading. */
function closed(state: RuleState): RuleState {
  const sources = state.sources.map((own): SourceRuleState => ({
    ...own,
    clearSince: null,
    involved: own.conditionSince !== null,
  }));
  return { sources, open: null, assumedSince: null };
}

/**
 * An acknowledgement, of the session's alert for every source: the alert stays open while some
 * source shows its condition; a latched high alert whose condition already cleared resolves now.
 */
export function acknowledgeRule(
  state: RuleState,
  at: number,
): { state: RuleState; events: readonly RuleEvent[] } {
  if (!state.open) return { state, events: NO_EVENTS };
  if (!conditionShown(state) && state.assumedSince === null) {
    return { state: closed(state), events: [{ type: 'resolve', at }] };
  }
  return { state: { ...state, open: { ...state.open, acknowledged: true } }, events: NO_EVENTS };
}

/**
 * Takes over an alert opened without the readings here (before a restart, or by another
 * instance): its condition is assumed to persist until readings here show it clear. The same alert
 * taken over again keeps what the readings here already showed of it.
 */
export function adoptAlert(state: RuleState, open: OpenAlert, at: number): RuleState {
  return { ...state, open, assumedSince: state.open ? state.assumedSince : at };
}

/**
 * The alert was closed outside the rule (resolved by another instance): what each source here
 * still shows stands, so a condition that has held past the delay raises again at its next
 * reading rather than waiting the delay anew.
 */
export function releaseAlert(state: RuleState): RuleState {
  return closed(state);
}
