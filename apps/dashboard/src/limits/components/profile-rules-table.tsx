import type { ProfileDraft, ProfileErrors, RuleDraft } from '../utils/profile-draft';
import { ruleError } from '../utils/profile-draft';
import { ruleLabel, ruleRelation } from '../utils/rule-labels';

type RuleField = 'medium' | 'high' | 'delayS' | 'clearS' | 'relativeMedium' | 'relativeHigh';

const COLUMNS: Array<{ field: RuleField; header: string; describe: string }> = [
  { field: 'medium', header: 'Medium', describe: 'medium limit' },
  { field: 'high', header: 'High', describe: 'high limit' },
  { field: 'delayS', header: 'Delay (s)', describe: 'delay in seconds' },
  { field: 'clearS', header: 'Clear (s)', describe: 'clear time in seconds' },
  { field: 'relativeMedium', header: 'Baseline ± medium', describe: 'baseline-relative medium' },
  { field: 'relativeHigh', header: 'Baseline ± high', describe: 'baseline-relative high' },
];

interface ProfileRulesTableProps {
  rules: ProfileDraft['rules'];
  errors: ProfileErrors;
  onRuleChange: (index: number, field: RuleField, value: string) => void;
}

function RuleCell({
  rule,
  index,
  field,
  describe,
  error,
  onChange,
}: {
  rule: RuleDraft;
  index: number;
  field: RuleField;
  describe: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const id = `profile-rule-${rule.code}-${field}`;
  const label = `${ruleLabel(rule.code)} ${describe}`;
  return (
    <td className="profile-rules__cell" data-invalid={error ? true : undefined}>
      <input
        id={id}
        aria-label={label}
        inputMode="decimal"
        autoComplete="off"
        value={rule[field]}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        data-rule-index={index}
      />
      {error && (
        <p id={`${id}-error`} className="form-field__error">
          {label} {error}
        </p>
      )}
    </td>
  );
}

/**
 * The physiological rules, one row each. A blank limit means no limit of that priority; a
 * baseline-relative limit is a fraction (0.2: baseline + 20 % for a high-side rule, − 20 % for a
 * low-side one), and the stricter of it and the absolute limit applies.
 */
export function ProfileRulesTable({ rules, errors, onRuleChange }: ProfileRulesTableProps) {
  return (
    <div className="data-table-scroll">
      <table className="data-table profile-rules">
        <caption className="visually-hidden">Alert rules</caption>
        <thead>
          <tr>
            <th scope="col">Rule</th>
            {COLUMNS.map((column) => (
              <th key={column.field} scope="col">
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rules.map((rule, index) => (
            <tr key={rule.code}>
              <th scope="row">
                {ruleLabel(rule.code)}{' '}
                <span className="profile-rules__relation">({ruleRelation(rule)} limit)</span>
              </th>
              {COLUMNS.map((column) => (
                <RuleCell
                  key={column.field}
                  rule={rule}
                  index={index}
                  field={column.field}
                  describe={column.describe}
                  error={ruleError(errors, index, column.field)}
                  onChange={(value) => onRuleChange(index, column.field, value)}
                />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
