import {
  acknowledgeRule,
  evaluateSample,
  INITIAL_RULE_STATE,
  type PhysiologicalCode,
  type RuleEvent,
  type RuleState,
  type ThresholdProfile,
  type VitalSample,
} from '@vigil/shared';

export interface EngineEvent {
  sessionId: string;
  code: PhysiologicalCode;
  event: RuleEvent;
}

/**
 * The physiological rules' state for every session, in memory: evaluating a reading never waits
 * on the database. The alerts it opens are persisted afterwards, by AlertsService.
 */
export class AlertEngine {
  private readonly sessions = new Map<string, Map<PhysiologicalCode, RuleState>>();

  evaluate(sessionId: string, samples: VitalSample[], profile: ThresholdProfile): EngineEvent[] {
    const rules = this.rulesOf(sessionId);
    const events: EngineEvent[] = [];
    for (const sample of samples) {
      const at = Date.parse(sample.at);
      for (const rule of profile.rules) {
        const value = sample[rule.sign];
        if (value === undefined) continue;
        const result = evaluateSample(rule, rules.get(rule.code) ?? INITIAL_RULE_STATE, value, at, {
          deepDesaturationSpo2: profile.deepDesaturationSpo2,
        });
        rules.set(rule.code, result.state);
        events.push(...result.events.map((event) => ({ sessionId, code: rule.code, event })));
      }
    }
    return events;
  }

  acknowledge(sessionId: string, code: PhysiologicalCode, at: number): EngineEvent[] {
    const rules = this.rulesOf(sessionId);
    const state = rules.get(code);
    if (!state) return [];
    const result = acknowledgeRule(state, at);
    rules.set(code, result.state);
    return result.events.map((event) => ({ sessionId, code, event }));
  }

  /**
   * An alert opened before this instance saw the session's readings (before a restart, or by
   * another instance). Its condition is assumed to persist until readings here show it clear, so
   * an acknowledgement alone cannot close an alert whose cause may still be there.
   */
  adopt(
    sessionId: string,
    code: PhysiologicalCode,
    open: NonNullable<RuleState['open']>,
    at: number,
  ): void {
    const rules = this.rulesOf(sessionId);
    const known = rules.get(code);
    rules.set(
      code,
      known
        ? { ...known, open }
        : { ...INITIAL_RULE_STATE, conditionSince: at, conditionPriority: open.priority, open },
    );
  }

  /**
   * Acknowledged through another instance. Where this session's readings are evaluated, that is
   * an acknowledgement here (a latched alert whose condition has cleared closes); elsewhere the
   * state is only noted, for readings that may arrive here later.
   */
  acknowledgedElsewhere(
    sessionId: string,
    code: PhysiologicalCode,
    open: NonNullable<RuleState['open']>,
    at: number,
  ): EngineEvent[] {
    const state = this.sessions.get(sessionId)?.get(code);
    if (!state?.previous) {
      this.adopt(sessionId, code, { ...open, acknowledged: true }, at);
      return [];
    }
    if (state.open?.acknowledged) return [];
    this.adopt(sessionId, code, { ...open, acknowledged: false }, at);
    return this.acknowledge(sessionId, code, at);
  }

  /** The alert was closed outside the rule (resolved elsewhere): start the next episode afresh. */
  release(sessionId: string, code: PhysiologicalCode): void {
    this.sessions.get(sessionId)?.delete(code);
  }

  forget(sessionId: string): void {
    this.sessions.delete(sessionId);
  }

  private rulesOf(sessionId: string): Map<PhysiologicalCode, RuleState> {
    let rules = this.sessions.get(sessionId);
    if (!rules) {
      rules = new Map();
      this.sessions.set(sessionId, rules);
    }
    return rules;
  }
}
