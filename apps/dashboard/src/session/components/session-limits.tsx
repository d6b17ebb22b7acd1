import type { Role, Session, ThresholdProfile, ThresholdProfileInput } from '@vigil/shared';
import { useMemo } from 'react';
import { LimitsForm } from '../../limits/components/limits-form';
import { ruleLabel, ruleRelation } from '../../limits/utils/rule-labels';
import { patientIdentifiers } from '../../ui/utils/patient-identifiers';
import { useSetSessionLimits } from '../hooks/use-session-limits';
import { limitsChangeableIn, mayChangeLimits } from '../utils/session-permissions';
import '../../limits/components/threshold-profiles.css';

function definitionOf({ id: _id, ...definition }: ThresholdProfile): ThresholdProfileInput {
  return definition;
}

const limit = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : String(value);

/** The limits this session's alarms are judged by, for everyone who may read the session. */
function LimitsTable({ limits }: { limits: ThresholdProfileInput }) {
  return (
    <table className="session-limits__table" data-testid="session-limits">
      <caption>Alarm limits of this session</caption>
      <thead>
        <tr>
          <th scope="col">Rule</th>
          <th scope="col">Medium</th>
          <th scope="col">High</th>
          <th scope="col">Delay (s)</th>
        </tr>
      </thead>
      <tbody>
        {limits.rules.map((rule) => (
          <tr key={rule.code}>
            <th scope="row">
              {ruleLabel(rule.code)} ({ruleRelation(rule)})
            </th>
            <td>{limit(rule.medium)}</td>
            <td>{limit(rule.high)}</td>
            <td>{limit(rule.delayS)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SessionLimitsEditor({
  session,
  saved,
}: {
  session: Session;
  saved: ThresholdProfileInput;
}) {
  const save = useSetSessionLimits(session);
  return (
    <LimitsForm
      label="Change this session’s limits"
      subject="this session’s limits"
      saved={saved}
      nameEditable={false}
      saving={{
        save: (input, onSaved) =>
          save.mutate(input, { onSuccess: (stored) => onSaved(definitionOf(stored)) }),
        saving: save.isPending,
        error: save.error,
        reset: save.reset,
      }}
      confirmTitle={`Change the limits of bay ${session.bay}, ${patientIdentifiers(session.patient)}?`}
      confirmConsequence="They apply to this session alone, at once, and are recorded in the audit trail. Its profile and every other session keep theirs."
      savedNotice="This session’s limits are changed."
    />
  );
}

/**
 * The limits this session is monitored by (those it started with, or a physician set for it
 * since): read only, and for a physician while the session is in the chair, changeable.
 */
export function SessionLimits({
  session,
  role,
  limits,
  error,
}: {
  session: Session;
  role: Role;
  limits: ThresholdProfile | undefined;
  error: Error | null;
}) {
  const saved = useMemo(() => limits && definitionOf(limits), [limits]);
  return (
    <section className="page__section" aria-labelledby="session-limits-title">
      <h2 id="session-limits-title">Alarm limits</h2>
      {error && (
        <p className="form-error" role="alert">
          Could not load this session’s limits: {error.message}
        </p>
      )}
      {saved && <LimitsTable limits={saved} />}
      {!saved && !error && <p role="status">Loading the limits…</p>}
      {saved && mayChangeLimits(role) && limitsChangeableIn(session.state) && (
        <details className="session-limits__edit">
          <summary>Change this session’s limits</summary>
          <SessionLimitsEditor session={session} saved={saved} />
        </details>
      )}
    </section>
  );
}
