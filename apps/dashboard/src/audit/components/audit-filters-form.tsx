import { TextField } from '../../ui/components/form-field';
import { useFilterForm } from '../hooks/use-filter-form';
import {
  draftFromFilters,
  parseFilterDraft,
  type AuditFilterDraft,
  type AuditFilterField,
  type AuditFilters,
} from '../utils/audit-filters';

interface AuditFiltersFormProps {
  filters: AuditFilters;
  onApply: (filters: AuditFilters) => void;
}

export function AuditFiltersForm({ filters, onApply }: AuditFiltersFormProps) {
  const { draft, errors, setField, submit } = useFilterForm<
    AuditFilterField,
    AuditFilterDraft,
    AuditFilters
  >(() => draftFromFilters(filters), parseFilterDraft, onApply);

  return (
    <form aria-label="Filter the audit log" onSubmit={submit} noValidate>
      <div className="form-row">
        <TextField
          id="audit-filter-from"
          label="From"
          type="datetime-local"
          value={draft.from}
          onValueChange={setField('from')}
          error={errors.from}
        />
        <TextField
          id="audit-filter-to"
          label="To"
          type="datetime-local"
          value={draft.to}
          onValueChange={setField('to')}
          error={errors.to}
        />
        <TextField
          id="audit-filter-actor"
          label="Actor"
          hint="A username, device:<label> or system"
          autoComplete="off"
          value={draft.actor}
          onValueChange={setField('actor')}
          error={errors.actor}
        />
        <TextField
          id="audit-filter-session"
          label="Session id"
          autoComplete="off"
          spellCheck={false}
          value={draft.sessionId}
          onValueChange={setField('sessionId')}
          error={errors.sessionId}
        />
        <div className="form-actions">
          <button className="button button--primary" type="submit">
            Apply filters
          </button>
          <button className="button" type="button" onClick={() => onApply({})}>
            Clear
          </button>
        </div>
      </div>
      {errors.form && (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      )}
    </form>
  );
}
