import {
  allowedSessionActions,
  DEFAULT_THRESHOLD_PROFILE,
  isLiveSession,
  uncoveredFlags,
  type Alert,
  type Role,
  type Session,
  type VitalSample,
} from '@vigil/shared';
import { Link, useParams } from 'react-router';
import { SessionAlerts } from '../../alerts/components/session-alerts';
import { useCurrentUser } from '../../auth/hooks/use-auth-session';
import { PAGES, coursePath, mayOpen } from '../../app/routes/route-access';
import { useSessionDetail } from '../hooks/use-session-detail';
import { useSessionAlerts } from '../hooks/use-session-alerts';
import { useSessionLog } from '../hooks/use-session-log';
import { useSessionProfile } from '../hooks/use-session-profile';
import { useSessionVitals } from '../hooks/use-session-vitals';
import {
  mayOverride,
  mayRecord,
  maySignOrder,
  mayStillSignOrder,
} from '../utils/session-permissions';
import { AssessmentForm } from './assessment-form';
import { AdministrationPanel } from './administration-panel';
import { AssessmentSummary } from './assessment-summary';
import { InterventionForm } from './intervention-form';
import { ObservationForm } from './observation-form';
import { OutcomeForm } from './outcome-form';
import { OverrideForm } from './override-form';
import { RecoveryView } from './recovery-view';
import { SessionActions } from './session-actions';
import { SessionAssignment } from './session-assignment';
import { SessionDownloads } from './session-downloads';
import { SessionHeader } from './session-header';
import { SessionLimits } from './session-limits';
import { SignOrderForm } from './sign-order-form';
import { SessionTimeline } from './session-timeline';
import { SessionTrends } from './session-trends';
import '../../ui/components/page.css';
import './session-screen.css';

const NO_SAMPLES: readonly VitalSample[] = [];
const NO_ALERTS: readonly Alert[] = [];

/** One infusion session: trends, the record so far, and what the clinician may do next. */
export function SessionScreen() {
  const { sessionId = '' } = useParams();
  const { role } = useCurrentUser();
  const { data: session, error } = useSessionDetail(sessionId);
  const log = useSessionLog(sessionId);
  const vitals = useSessionVitals(sessionId, session?.createdAt);
  const alerts = useSessionAlerts(sessionId);
  const profile = useSessionProfile(session);

  if (!session) {
    return (
      <main className="page session-screen" aria-labelledby="session-title">
        <h1 id="session-title">Session</h1>
        {error ? (
          <p className="form-error" role="alert">
            Could not load the session: {error.message}
          </p>
        ) : (
          <p role="status">Loading the session…</p>
        )}
      </main>
    );
  }

  return (
    <main className="page session-screen" aria-labelledby="session-title">
      {mayOpen(role, 'ward') && (
        <Link className="session-screen__back" to={PAGES.ward.path}>
          ← Ward
        </Link>
      )}
      <Link className="session-screen__back" to={coursePath(session.patientId)}>
        Treatment course
      </Link>
      <SessionHeader session={session} />
      <SessionAlerts sessionId={session.id} role={role} />
      {session.state === 'recovery' && (
        <RecoveryView
          session={session}
          recoveryStartedAt={session.endedAt}
          limits={profile.data}
          log={log.data ?? []}
          role={role}
          mayRecord={mayRecord(role)}
        />
      )}
      {error && (
        <p className="form-error" role="alert">
          Could not refresh the session: {error.message}
        </p>
      )}
      {vitals.error && (
        <p className="form-error" role="alert">
          Could not load the vitals: {vitals.error.message}
        </p>
      )}
      <SessionTrends
        session={session}
        samples={vitals.data ?? NO_SAMPLES}
        log={log.data ?? []}
        alerts={alerts.data ?? NO_ALERTS}
        profile={profile.data ?? DEFAULT_THRESHOLD_PROFILE}
      />
      <div className="session-screen__columns">
        <div className="session-screen__column">
          {maySignOrder(role) && mayStillSignOrder(session) && (
            <section className="page__section" aria-labelledby="order-title">
              <h2 id="order-title">Dose order</h2>
              {session.order ? (
                <details>
                  <summary>Change the signed order</summary>
                  <SignOrderForm session={session} />
                </details>
              ) : (
                <SignOrderForm session={session} />
              )}
            </section>
          )}
          <section className="page__section" aria-labelledby="assessment-title">
            <h2 id="assessment-title">Assessment</h2>
            <AssessmentSummary session={session} />
            {mayRecord(role) && <ClinicalGate session={session} role={role} />}
          </section>
          <AdministrationPanel session={session} mayRecord={mayRecord(role)} />
          {mayRecord(role) ? (
            <ClinicalRecording session={session} role={role} />
          ) : (
            <p className="page__status" data-testid="read-only-notice">
              Read only: your role reviews this session and cannot change it.
            </p>
          )}
          <SessionLimits
            session={session}
            role={role}
            limits={profile.data}
            error={profile.error}
          />
          <SessionAssignment session={session} mayChange={mayRecord(role)} />
        </div>
        <section className="page__section session-screen__column" aria-labelledby="timeline-title">
          <h2 id="timeline-title">Timeline</h2>
          <SessionDownloads sessionId={session.id} />
          <SessionTimeline events={log.data} error={log.error} />
        </section>
      </div>
    </main>
  );
}

/**
 * The assessment form while the state allows one, and the physician's override of the flags no
 * override covers yet.
 */
function ClinicalGate({ session, role }: { session: Session; role: Role }) {
  // The same state machine the server enforces, from libs/shared.
  const allowed = allowedSessionActions(session.state, role);
  const canAssess = allowed.includes('assess');
  const standing = session.assessment
    ? uncoveredFlags(session.assessment.flags, session.override)
    : [];
  const showOverride = mayOverride(role) && standing.length > 0 && allowed.includes('start');
  return (
    <>
      {canAssess &&
        (session.assessment ? (
          <details className="session-screen__reassess">
            <summary>Record a new assessment</summary>
            <AssessmentForm sessionId={session.id} />
          </details>
        ) : (
          <AssessmentForm sessionId={session.id} />
        ))}
      {showOverride && <OverrideForm sessionId={session.id} flags={standing} />}
    </>
  );
}

function ClinicalRecording({ session, role }: { session: Session; role: Role }) {
  return (
    <>
      <SessionActions
        session={session}
        allowedActions={allowedSessionActions(session.state, role)}
      />
      {isLiveSession(session.state) && (
        <section className="page__section" aria-labelledby="record-title">
          <h2 id="record-title">Observations and interventions</h2>
          <ObservationForm sessionId={session.id} />
          <InterventionForm sessionId={session.id} />
        </section>
      )}
      <section className="page__section" aria-labelledby="outcomes-title">
        <h2 id="outcomes-title">Outcome scores</h2>
        <OutcomeForm sessionId={session.id} />
      </section>
    </>
  );
}
