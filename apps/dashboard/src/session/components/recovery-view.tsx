import {
  allowedSessionActions,
  dischargeCriteria,
  VITAL_RANGES,
  type LatestVitals,
  type Role,
  type Session,
  type ThresholdProfile,
  type TimelineEvent,
  type VitalSign,
} from '@vigil/shared';
import { useNow } from '../../ui/hooks/use-now';
import { refusalSentences } from '../../ui/errors/refusal-words';
import { formatLocalHourMinute } from '../../ui/utils/format-date-time';
import { useDischargeReadiness } from '../hooks/use-discharge-readiness';
import { EMPTY_DISCHARGE, partialDischarge, type DischargeDraft } from '../utils/discharge-draft';
import { recoveryChecks, recoveryStatus, type RecoveryStatus } from '../utils/recovery-checks';
import { useState } from 'react';
import { DischargeChecklist } from './discharge-checklist';
import { DischargeForm } from './discharge-form';
import { DischargeInstructions } from './discharge-instructions';
import { RecoveryCheckForm } from './recovery-check-form';
import './recovery-view.css';

const GLANCE_SIGNS: readonly VitalSign[] = ['spo2', 'heartRate', 'respRate'];

interface RecoveryViewProps {
  session: Session;
  /** When the infusion stopped (the session's endedAt: set by the stop that began recovery). */
  recoveryStartedAt: string | null;
  /** The session's own limits (its recovery minimum); undefined while they load. */
  limits: ThresholdProfile | undefined;
  log: readonly TimelineEvent[];
  role: Role;
  /** May record checks and hand over the instructions (nurses and physicians). */
  mayRecord: boolean;
}

/**
 * The patient in the recovery suite: the clock since the stop against the minimum, the check due
 * every 15 minutes, the live discharge checklist, the escort and the instructions to take home.
 */
export function RecoveryView({
  session,
  recoveryStartedAt,
  limits,
  log,
  role,
  mayRecord,
}: RecoveryViewProps) {
  const now = useNow();
  const [draft, setDraft] = useState<DischargeDraft>(EMPTY_DISCHARGE);
  const checks = recoveryStartedAt ? recoveryChecks(log, recoveryStartedAt) : [];
  const mayDischarge =
    mayRecord && allowedSessionActions(session.state, role).includes('discharge');

  return (
    <section className="page__section recovery-view" aria-labelledby="recovery-title">
      <h2 id="recovery-title">Recovery</h2>
      {limits && recoveryStartedAt ? (
        <RecoveryClock
          status={recoveryStatus(recoveryStartedAt, limits.recoveryMinimumMin, checks, now)}
        />
      ) : (
        <p role="status">Loading the recovery clock and the session’s limits…</p>
      )}
      <VitalsAtAGlance latest={session.latestVitals} />
      {checks.length > 0 && (
        <ul className="recovery-view__checks" aria-label="Recovery checks recorded">
          {checks.map((check) => (
            <li key={check.at}>
              {formatLocalHourMinute(check.at)}: MOAA/S {check.moaas ?? '—'} · CADSS-6{' '}
              {check.cadss6 ?? '—'}
            </li>
          ))}
        </ul>
      )}
      {mayRecord && <RecoveryCheckForm sessionId={session.id} />}
      <h3>Escort</h3>
      <p data-testid="recovery-escort">
        {draft.escortName.trim()
          ? `${draft.escortName.trim()}${draft.escortPhone.trim() ? `, ${draft.escortPhone.trim()}` : ''}`
          : 'Not entered yet: the discharge form below asks for the escort’s name and phone.'}
      </p>
      <h3>Discharge instructions</h3>
      <DischargeInstructions
        sessionId={session.id}
        escort={draft}
        mayRecord={mayRecord}
        now={now}
      />
      {mayDischarge ? (
        <DischargeForm sessionId={session.id} onDraftChange={setDraft} />
      ) : (
        <ReadinessChecklist sessionId={session.id} now={now} />
      )}
    </section>
  );
}

/** The checklist alone, for whoever reads the session without discharging. */
function ReadinessChecklist({ sessionId, now }: { sessionId: string; now: number }) {
  const readiness = useDischargeReadiness(sessionId);
  const facts = readiness.data?.facts;
  return (
    <>
      <h3>Discharge readiness</h3>
      {facts ? (
        <DischargeChecklist
          criteria={dischargeCriteria(partialDischarge(EMPTY_DISCHARGE), facts, now)}
        />
      ) : readiness.error ? (
        <p className="form-error" role="alert">
          Could not load the discharge criteria: {refusalSentences(readiness.error).join(' ')}
        </p>
      ) : (
        <p role="status">Loading the discharge criteria…</p>
      )}
    </>
  );
}

function RecoveryClock({ status }: { status: RecoveryStatus }) {
  return (
    <>
      <p className="recovery-view__clock" data-testid="recovery-clock">
        {status.elapsedMin} min since the infusion stopped; minimum {status.minimumMin} min
        {status.remainingMin > 0 ? ` (${status.remainingMin} min to go)` : ' reached'}.
      </p>
      {status.checkDue ? (
        <p className="recovery-view__check-due" role="alert" data-testid="recovery-check-due">
          Recovery check due{status.checkLateMin > 0 ? ` (${status.checkLateMin} min late)` : ''}:
          look at the vitals, score MOAA/S and CADSS-6.
        </p>
      ) : (
        <p className="page__status" data-testid="recovery-next-check">
          Next recovery check at{' '}
          {formatLocalHourMinute(new Date(status.nextCheckDueAt).toISOString())}.
        </p>
      )}
    </>
  );
}

function reading(latest: LatestVitals, sign: VitalSign): string {
  const value = latest[sign]?.value;
  return value === undefined ? '—' : String(Math.round(value));
}

function VitalsAtAGlance({ latest }: { latest: LatestVitals }) {
  return (
    <dl className="recovery-view__vitals" aria-label="Latest vitals">
      <div>
        <dt>Blood pressure</dt>
        <dd data-testid="glance-blood-pressure">
          {reading(latest, 'systolic')}/{reading(latest, 'diastolic')} mmHg
        </dd>
      </div>
      {GLANCE_SIGNS.map((sign) => (
        <div key={sign}>
          <dt>{VITAL_RANGES[sign].label}</dt>
          <dd data-testid={`glance-${sign}`}>
            {reading(latest, sign)} {VITAL_RANGES[sign].unit}
          </dd>
        </div>
      ))}
    </dl>
  );
}
