import { ALERT_PRIORITIES } from '@vigil/shared';
import { priorityLabel } from '../../alerts/utils/alert-labels';
import { SelectField, TextField } from '../../ui/components/form-field';
import { useFilterForm } from '../hooks/use-filter-form';
import {
  draftFromSearchFilters,
  parseSearchDraft,
  type SessionSearchDraft,
  type SessionSearchField,
  type SessionSearchFilters,
} from '../utils/session-search-filters';

const PRIORITY_OPTIONS = [
  { value: '', label: 'Any (or none)' },
  ...ALERT_PRIORITIES.map((priority) => ({ value: priority, label: priorityLabel(priority) })),
];

interface SessionSearchFormProps {
  filters: SessionSearchFilters;
  onSearch: (filters: SessionSearchFilters) => void;
  onClear: () => void;
}

export function SessionSearchForm({ filters, onSearch, onClear }: SessionSearchFormProps) {
  const { draft, errors, setField, submit } = useFilterForm<
    SessionSearchField,
    SessionSearchDraft,
    SessionSearchFilters
  >(() => draftFromSearchFilters(filters), parseSearchDraft, onSearch);

  return (
    <form aria-label="Search sessions" onSubmit={submit} noValidate>
      <div className="form-row">
        <TextField
          id="session-search-from"
          label="From"
          hint="Sessions scheduled from"
          type="datetime-local"
          value={draft.from}
          onValueChange={setField('from')}
          error={errors.from}
        />
        <TextField
          id="session-search-to"
          label="To"
          type="datetime-local"
          value={draft.to}
          onValueChange={setField('to')}
          error={errors.to}
        />
        <TextField
          id="session-search-patient"
          label="Patient"
          hint="Part of the MRN or the name"
          autoComplete="off"
          value={draft.patient}
          onValueChange={setField('patient')}
          error={errors.patient}
        />
        <TextField
          id="session-search-bay"
          label="Bay"
          autoComplete="off"
          value={draft.bay}
          onValueChange={setField('bay')}
          error={errors.bay}
        />
        <TextField
          id="session-search-clinician"
          label="Clinician"
          hint="Assigned, supervising, or who recorded care"
          autoComplete="off"
          value={draft.clinician}
          onValueChange={setField('clinician')}
          error={errors.clinician}
        />
        <SelectField
          id="session-search-priority"
          label="Had an alert of priority"
          options={PRIORITY_OPTIONS}
          value={draft.priority}
          onValueChange={setField('priority')}
          error={errors.priority}
        />
        <div className="form-actions">
          <button className="button button--primary" type="submit">
            Search
          </button>
          <button className="button" type="button" onClick={onClear}>
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
