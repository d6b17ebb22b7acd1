import type { DischargeCriterion } from '@vigil/shared';
import { dischargeCriterionSentence } from '../utils/discharge-words';

/** Every discharge criterion, ticked when met: what still keeps the patient in the chair. */
export function DischargeChecklist({ criteria }: { criteria: readonly DischargeCriterion[] }) {
  const unmet = criteria.filter((criterion) => !criterion.met).length;
  return (
    <div className="discharge-checklist" data-testid="discharge-checklist">
      <p role="status" data-testid="discharge-readiness-summary">
        {unmet === 0
          ? 'Ready for discharge: every criterion is met.'
          : `Not ready: ${unmet} of ${criteria.length} criteria not met yet.`}
      </p>
      <ul aria-label="Discharge criteria">
        {criteria.map((criterion) => (
          <li
            key={criterion.code}
            className="discharge-checklist__item"
            data-code={criterion.code}
            data-met={criterion.met}
          >
            <span aria-hidden="true" className="discharge-checklist__mark">
              {criterion.met ? '✓' : '✗'}
            </span>
            <span className="visually-hidden">{criterion.met ? 'Met: ' : 'Not met: '}</span>
            {dischargeCriterionSentence(criterion)}
          </li>
        ))}
      </ul>
    </div>
  );
}
