import type { VitalSign } from '../vitals/vital-ranges';
import type { VitalMeasurements } from '../vitals/vital-sample.types';
import { alertMessage } from './alert-message';
import type { AlertPriority } from './alert.types';
import {
  advanceRule,
  conditionCleared,
  ownedRuleStateIn,
  type OwnedRuleState,
  type RuleState,
} from './alert-rules';
import {
  effectiveRule,
  type PhysiologicalCode,
  type ThresholdProfile,
  type ThresholdRule,
} from './threshold-profile';

/** What a replay needs of a profile: its rules and the deep-desaturation limit. */
export type ReplayRules = Pick<ThresholdProfile, 'rules' | 'deepDesaturationSpo2'>;

/** A recorded reading as the replay sees it: its time, who sent it and whatever it measured. */
export interface ReplaySample extends VitalMeasurements {
  at: string;
  /** Readings without a source are taken as one source's. */
  source?: string;
}

export interface EpisodeUpgrade {
  priority: AlertPriority;
  value: number;
  threshold: number;
  at: string;
}

/** One alert the rules would have raised: from its raise to its resolution, if it came. */
export interface ReplayedEpisode {
  code: PhysiologicalCode;
  /** The worst priority it reached. */
  priority: AlertPriority;
  raisedPriority: AlertPriority;
  raisedAt: string;
  /** The reading that raised it, and the limit it broke. */
  value: number;
  threshold: number;
  message: string;
  upgrades: EpisodeUpgrade[];
  /** When it would have resolved; null while still open at the end of the recording. */
  clearedAt: string | null;
  /**
   * Open at the end only because a high alert stays latched until acknowledged: its condition had
   * cleared for the rule's clear time. A replay acknowledges nothing, since nobody saw these alerts.
   */
  latched: boolean;
}

/**
 * What the rules of a profile would have raised over recorded readings: the same pure evaluation
 * the live engine runs (each rule's baseline-relative limits folded in, then `advanceRule` on
 * every reading that carries the rule's sign, per source, on the readings' own times), in time
 * order.
 */
export function replayProfile(
  profile: ReplayRules,
  baseline: Partial<Record<VitalSign, number>> | null,
  samples: readonly ReplaySample[],
): ReplayedEpisode[] {
  const rules = profile.rules.map((rule) => effectiveRule(rule, baseline));
  const states = new Map<PhysiologicalCode, OwnedRuleState>();
  const open = new Map<PhysiologicalCode, ReplayedEpisode>();
  const episodes: ReplayedEpisode[] = [];
  const options = { deepDesaturationSpo2: profile.deepDesaturationSpo2 };

  for (const { sample, at } of inTimeOrder(samples)) {
    for (const rule of rules) {
      const value = sample[rule.sign];
      if (value === undefined) continue;
      const state = ownedRuleStateIn(states, rule.code);
      for (const event of advanceRule(rule, state, sample.source ?? '', value, at, options)) {
        const time = new Date(event.at).toISOString();
        if (event.type === 'raise') {
          const episode = raised(rule.code, event, time);
          open.set(rule.code, episode);
          episodes.push(episode);
          continue;
        }
        const episode = open.get(rule.code);
        if (!episode) continue;
        if (event.type === 'upgrade') {
          episode.priority = event.priority;
          episode.upgrades.push({
            priority: event.priority,
            value: event.value,
            threshold: event.threshold,
            at: time,
          });
        } else {
          episode.clearedAt = time;
          open.delete(rule.code);
        }
      }
    }
  }

  for (const rule of rules) {
    const episode = open.get(rule.code);
    const state = states.get(rule.code);
    if (episode && state) episode.latched = isLatched(rule, state);
  }
  return episodes;
}

function raised(
  code: PhysiologicalCode,
  event: { priority: AlertPriority; value: number; threshold: number },
  at: string,
): ReplayedEpisode {
  return {
    code,
    priority: event.priority,
    raisedPriority: event.priority,
    raisedAt: at,
    value: event.value,
    threshold: event.threshold,
    message: alertMessage(code, event.value, event.threshold),
    upgrades: [],
    clearedAt: null,
    latched: false,
  };
}

/** A high alert whose condition has cleared for the clear time, kept open by its latch alone. */
function isLatched(rule: ThresholdRule, state: RuleState): boolean {
  if (!state.open || state.open.priority !== 'high' || state.open.acknowledged) return false;
  return conditionCleared(rule, state);
}

/** Stable: readings stored with the same time keep their stored order, as the engine saw them. */
function inTimeOrder(
  samples: readonly ReplaySample[],
): Array<{ sample: ReplaySample; at: number }> {
  return samples
    .map((sample) => ({ sample, at: Date.parse(sample.at) }))
    .filter(({ at }) => Number.isFinite(at))
    .sort((a, b) => a.at - b.at);
}
