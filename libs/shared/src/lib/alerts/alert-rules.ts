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

/**
 * A rule's state held by one owner (the live engine, a replay) and advanced in place by
 * `advanceRule`. At 1 Hz a copy per reading and rule lived exactly until the chair's next reading:
 * long enough to outlive the young generation, so every copy was promoted and collected again.
 */
export interface OwnedRuleState {
  sources: SourceRuleState[];
  open: OpenAlert | null;
  assumedSince: number | null;
}

export function newRuleState(): OwnedRuleState {
  return { sources: [], open: null, assumedSince: null };
}

/** The state kept under `key`, created (and kept) the first time it is asked for. */
export function ownedRuleStateIn<Key>(states: Map<Key, OwnedRuleState>, key: Key): OwnedRuleState {
  let state = states.get(key);
  if (!state) {
    state = newRuleState();
    states.set(key, state);
  }
  return state;
}

/** A copy that shares nothing with the state it was made from, for an owner to change. */
export function ownRuleState(state: RuleState): OwnedRuleState {
  return {
    sources: state.sources.map((own) => ({
      ...own,
      previous: own.previous && { value: own.previous.value, at: own.previous.at },
    })),
    open: state.open && { ...state.open },
    assumedSince: state.assumedSince,
  };
}

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
 *
 * Pure: the state given is left as it was (`advanceRule` is the same rule on a state it may change).
 */
export function evaluateSample(
  rule: ThresholdRule,
  state: RuleState,
  source: string,
  value: number,
  at: number,
  options: EvaluationOptions = {},
): { state: RuleState; events: readonly RuleEvent[] } {
  const next = ownRuleState(state);
  const events = advanceRule(rule, next, source, value, at, options);
  return { state: next, events };
}

/** `evaluateSample` on a state its owner lets change in place; the events it caused. */
export function advanceRule(
  rule: ThresholdRule,
  state: OwnedRuleState,
  source: string,
  value: number,
  at: number,
  options: EvaluationOptions = {},
): readonly RuleEvent[] {
  let own = sourceState(state, source);
  if (own?.previous && at < own.previous.at) return NO_EVENTS;
  if (!own) {
    own = silentSource(source);
    state.sources.push(own);
  }
  const previousValue = own.previous?.value ?? null;
  const previousAt = own.previous?.at ?? null;
  const found = classify(rule, value);
  advanceSource(own, found, value, at, state.open);
  if (!found) {
    if (!state.open || !conditionCleared(rule, state)) return NO_EVENTS;
    // Latched, the alert waits for an acknowledgement, which may now close it.
    if (state.open.priority === 'high' && !state.open.acknowledged) {
      state.assumedSince = null;
      return NO_EVENTS;
    }
    close(state);
    return [{ type: 'resolve', at }];
  }
  if (state.open) {
    if (!worsePriority(found.priority, state.open.priority)) return NO_EVENTS;
    // A worse priority is a new alarm condition for whoever acknowledged the milder one: it
    // must be acknowledged again (and, if high, stays latched until it is).
    state.open = {
      priority: found.priority,
      value,
      threshold: found.threshold,
      acknowledged: false,
    };
    return [{ type: 'upgrade', priority: found.priority, value, threshold: found.threshold, at }];
  }
  const held = at - (own.conditionSince ?? at) >= rule.delayS * 1000;
  const deep =
    rule.sign === 'spo2' &&
    options.deepDesaturationSpo2 !== undefined &&
    value < options.deepDesaturationSpo2 &&
    !(
      previousValue !== null &&
      previousAt !== null &&
      at - previousAt <= IMPLAUSIBLE_WITHIN_MS &&
      previousValue - value > IMPLAUSIBLE_SPO2_DROP &&
      classify(rule, previousValue) === null
    );
  if (!held && !deep) return NO_EVENTS;
  state.open = { priority: found.priority, value, threshold: found.threshold, acknowledged: false };
  return [{ type: 'raise', priority: found.priority, value, threshold: found.threshold, at }];
}

function advanceSource(
  own: SourceRuleState,
  found: { priority: AlertPriority } | null,
  value: number,
  at: number,
  open: OpenAlert | null,
): void {
  if (own.previous) {
    own.previous.value = value;
    own.previous.at = at;
  } else {
    own.previous = { value, at };
  }
  if (!found) {
    own.conditionSince = null;
    own.conditionPriority = null;
    // With no alert open, a source that is clear again has nothing left to clear.
    own.clearSince = open ? (own.clearSince ?? at) : null;
    if (!open) own.involved = false;
    return;
  }
  own.conditionSince = own.conditionSince ?? at;
  own.clearSince = null;
  if (!own.conditionPriority || worsePriority(found.priority, own.conditionPriority))
    own.conditionPriority = found.priority;
  own.involved = true;
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
function close(state: OwnedRuleState): void {
  for (const own of state.sources) {
    own.clearSince = null;
    own.involved = own.conditionSince !== null;
  }
  state.open = null;
  state.assumedSince = null;
}

function closed(state: RuleState): OwnedRuleState {
  const next = ownRuleState(state);
  close(next);
  return next;
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
export function releaseAlert(state: RuleState): OwnedRuleState {
  return closed(state);
}
