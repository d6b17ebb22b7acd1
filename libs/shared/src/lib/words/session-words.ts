import type { TimelineKind } from '../sessions/clinical.schema';
import type { SessionState } from '../sessions/session-state';
import type { Indication } from '../sessions/session.types';

export const INDICATION_WORDS: Readonly<Record<Indication, string>> = {
  'alcohol-use-disorder': 'Alcohol use disorder',
  'opioid-use-disorder': 'Opioid use disorder',
  'cocaine-use-disorder': 'Cocaine use disorder',
  'stimulant-use-disorder': 'Stimulant use disorder',
  depression: 'Depression',
  other: 'Other indication',
};

export const SESSION_STATE_WORDS: Readonly<Record<SessionState, string>> = {
  scheduled: 'Scheduled',
  assessed: 'Assessed',
  infusing: 'Infusing',
  paused: 'Paused',
  recovery: 'Recovery',
  discharged: 'Discharged',
  aborted: 'Aborted',
};

export const TIMELINE_KIND_WORDS: Readonly<Record<TimelineKind, string>> = {
  state: 'State',
  assessment: 'Assessment',
  override: 'Override',
  observation: 'Observation',
  intervention: 'Intervention',
  alert: 'Alert',
  administration: 'Administration',
};
