import type { Session } from '@vigil/shared';
import { formatLocalDateTime } from '../../ui/utils/format-date-time';
import { contraindicationWords } from '../utils/contraindication-words';

/** The recorded assessment, its flags and any override, for everyone who may read the session. */
export function AssessmentSummary({ session }: { session: Session }) {
  const { assessment, override } = session;
  if (!assessment) {
    return (
      <p className="page__status" data-testid="assessment-missing">
        No assessment recorded yet.
      </p>
    );
  }
  const { baseline } = assessment;
  return (
    <div className="assessment-summary" data-testid="assessment-summary">
      <p>
        Baseline {baseline.systolic}/{baseline.diastolic} mmHg · HR {baseline.heartRate} bpm · SpO2{' '}
        {baseline.spo2} %{baseline.respRate !== undefined && ` · RR ${baseline.respRate} /min`}
        <span className="assessment-summary__by">
          {' '}
          — assessed by {assessment.assessedBy}, {formatLocalDateTime(assessment.assessedAt)}
        </span>
      </p>
      {assessment.flags.length > 0 ? (
        <div className="assessment-summary__flags">
          <p>Contraindications flagged:</p>
          <ul aria-label="Contraindication flags">
            {assessment.flags.map((flag) => (
              <li key={flag.code} data-absolute={flag.absolute ? true : undefined}>
                {flag.message}
                {flag.absolute && ' — absolute: no override can allow the infusion'}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p>No contraindication flagged.</p>
      )}
      {override && (
        <p data-testid="override-summary">
          Overridden by {override.by}, {formatLocalDateTime(override.at)}
          {override.flags && override.flags.length > 0
            ? ` (covers: ${override.flags.map((code) => contraindicationWords(code)).join(', ')})`
            : ''}
          : {override.reason}
        </p>
      )}
    </div>
  );
}
