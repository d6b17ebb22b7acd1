import {
  acknowledgeRule,
  adoptAlert,
  advanceRule,
  INITIAL_RULE_STATE,
  ownedRuleStateIn,
  ownRuleState,
  releaseAlert,
  type OpenAlert,
  type OwnedRuleState,
  type PhysiologicalCode,
  type RuleEvent,
  type RuleState,
  type SourcedVitalSample,
  type ThresholdProfile,
} from '@vigil/shared';

export interface EngineEvent {
  sessionId: string;
  code: PhysiologicalCode;
  event: RuleEvent;
}

/**
 * The physiological rules' state for every session, in memory: evaluating a reading never waits
 * on the database. One alert per session and code, fed by every source's readings, each source
 * judged on its own clock. The alerts it opens are persisted afterwards, by AlertsService.
 * Readings advance each rule's state in place; the rarer changes (acknowledgement, adoption,
 * release) go through the pure functions and the engine keeps its own copy of what they return.
 */
export class AlertEngine {
  private readonly sessions = new Map<string, Map<PhysiologicalCode, OwnedRuleState>>();

  evaluate(
    sessionId: string,
    samples: readonly SourcedVitalSample[],
    profile: ThresholdProfile,
  ): EngineEvent[] {
    const rules = this.rulesOf(sessionId);
    const events: EngineEvent[] = [];
    const options = { deepDesaturationSpo2: profile.deepDesaturationSpo2 };
    for (const sample of samples) {
      const at = Date.parse(sample.at);
      for (const rule of profile.rules) {
        const value = sample[rule.sign];
        if (value === undefined) continue;
        const state = ownedRuleStateIn(rules, rule.code);
        for (const event of advanceRule(rule, state, sample.source, value, at, options))
          events.push({ sessionId, code: rule.code, event });
      }
    }
    return events;
  }

  acknowledge(sessionId: string, code: PhysiologicalCode, at: number): EngineEvent[] {
    const rules = this.rulesOf(sessionId);
    const state = rules.get(code);
    if (!state) return [];
    const result = acknowledgeRule(state, at);
    rules.set(code, ownRuleState(result.state));
    return result.events.map((event) => ({ sessionId, code, event }));
  }

  /**
   * An alert opened before this instance saw the session's readings (before a restart, or by
   * another instance). Its condition is assumed to persist until readings here show it clear for
   * the clear time, so an acknowledgement alone cannot close an alert whose cause may still be
   * there. What the readings here already show of each source is kept.
   */
  adopt(sessionId: string, code: PhysiologicalCode, open: OpenAlert, at: number): void {
    const rules = this.rulesOf(sessionId);
    rules.set(code, ownRuleState(adoptAlert(rules.get(code) ?? INITIAL_RULE_STATE, open, at)));
  }

  /**
   * Acknowledged through another instance. Where this session's readings are evaluated, that is
   * an acknowledgement here (a latched alert whose condition has cleared closes); elsewhere the
   * state is only noted, for readings that may arrive here later.
   */
  acknowledgedElsewhere(
    sessionId: string,
    code: PhysiologicalCode,
    open: OpenAlert,
    at: number,
  ): EngineEvent[] {
    const state = this.sessions.get(sessionId)?.get(code);
    if (!state || !hasReadings(state)) {
      this.adopt(sessionId, code, { ...open, acknowledged: true }, at);
      return [];
    }
    if (state.open?.acknowledged) return [];
    this.adopt(sessionId, code, { ...open, acknowledged: false }, at);
    return this.acknowledge(sessionId, code, at);
  }

  /**
   * The alert was closed outside the rule (resolved elsewhere). A condition that a source here
   * still shows stands: past the delay, its next reading raises a new alert at once.
   */
  release(sessionId: string, code: PhysiologicalCode): void {
    const rules = this.sessions.get(sessionId);
    const state = rules?.get(code);
    if (rules && state) rules.set(code, releaseAlert(state));
  }

  forget(sessionId: string): void {
    this.sessions.delete(sessionId);
  }

  private rulesOf(sessionId: string): Map<PhysiologicalCode, OwnedRuleState> {
    let rules = this.sessions.get(sessionId);
    if (!rules) {
      rules = new Map();
      this.sessions.set(sessionId, rules);
    }
    return rules;
  }
}

function hasReadings(state: RuleState): boolean {
  return state.sources.some((source) => source.previous !== null);
}
