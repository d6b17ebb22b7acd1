import type { ThresholdProfileInput } from '@vigil/shared';
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../../api/api-error';
import { TextField } from '../../ui/components/form-field';
import { refusalSentences } from '../../ui/errors/refusal-words';
import { describeProfileChanges } from '../utils/profile-changes';
import {
  draftFromProfile,
  parseProfileDraft,
  type ProfileDraft,
  type ProfileNumberField,
  type RuleDraft,
} from '../utils/profile-draft';
import { ProfileRulesTable } from './profile-rules-table';
import { ProfileSettingsFields } from './profile-settings-fields';
import { SaveProfileConfirmation } from './save-profile-confirmation';

type Outcome = { kind: 'saved' } | { kind: 'unchanged' } | { kind: 'invalid' } | null;

/**
 * Why the server refused the limits: a 400's own sentences name each field and, for a safety floor
 * (`SAFETY_FLOOR`), the floor no edit may pass; any other refusal is worded by its code.
 */
function refusalText(error: Error): string {
  if (!(error instanceof ApiError) || error.statusCode !== 400) {
    return refusalSentences(error).join(' ');
  }
  const reasons = error.messages.join('; ');
  return error.code === 'SAFETY_FLOOR' ? `a safety floor holds: ${reasons}` : reasons;
}

/** Saving, as the caller's mutation does it: `onSaved` gets the limits as stored. */
export interface LimitsSave {
  save: (input: ThresholdProfileInput, onSaved: (stored: ThresholdProfileInput) => void) => void;
  saving: boolean;
  error: Error | null;
  /** Forgets the last refusal, before the next review. */
  reset: () => void;
}

interface LimitsFormProps {
  /** The form's accessible name. */
  label: string;
  /** What is saved, in "Could not save …": `the profile`. */
  subject: string;
  saved: ThresholdProfileInput;
  /** A profile's name is edited with it; a session's limits keep theirs. */
  nameEditable: boolean;
  saving: LimitsSave;
  /** What the confirmation asks, and what saving will do. */
  confirmTitle: string;
  confirmConsequence: string;
  savedNotice: string;
  /** Shown under the form with the draft as the shared schema reads it (null while invalid). */
  after?: (draft: ThresholdProfileInput | null) => ReactNode;
}

/**
 * Edits alarm limits under the shared schema (each safety floor refused beside its field before
 * saving) and saves them once the physician has confirmed the changes, named one by one.
 */
export function LimitsForm({
  label,
  subject,
  saved,
  nameEditable,
  saving,
  confirmTitle,
  confirmConsequence,
  savedNotice,
  after,
}: LimitsFormProps) {
  const [draft, setDraft] = useState<ProfileDraft>(() => draftFromProfile(saved));
  const parsed = useMemo(() => parseProfileDraft(draft), [draft]);
  const errors = parsed.ok ? {} : parsed.errors;
  const [confirming, setConfirming] = useState<string[] | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const edit = (change: (current: ProfileDraft) => ProfileDraft) => {
    setDraft(change);
    setConfirming(null);
    setOutcome(null);
  };
  const setRule = (index: number, field: keyof RuleDraft, value: string) =>
    edit((current) => ({
      ...current,
      rules: current.rules.map((rule, at) => (at === index ? { ...rule, [field]: value } : rule)),
    }));
  const setNumber = (field: ProfileNumberField, value: string) =>
    edit((current) => ({ ...current, [field]: value }));

  const review = (event: FormEvent) => {
    event.preventDefault();
    saving.reset();
    if (!parsed.ok) {
      setOutcome({ kind: 'invalid' });
      return;
    }
    const changes = describeProfileChanges(saved, parsed.profile);
    if (changes.length === 0) {
      setOutcome({ kind: 'unchanged' });
      return;
    }
    setConfirming(changes);
  };

  const confirm = () => {
    if (!parsed.ok) return;
    saving.save(parsed.profile, (stored) => {
      setDraft(draftFromProfile(stored));
      setConfirming(null);
      setOutcome({ kind: 'saved' });
    });
  };

  return (
    <div className="profile-editor">
      <form aria-label={label} onSubmit={review} noValidate>
        {nameEditable && (
          <div className="form-row">
            <TextField
              id="profile-name"
              label="Name"
              autoComplete="off"
              value={draft.name}
              onValueChange={(name) => edit((current) => ({ ...current, name }))}
              error={errors.name}
            />
          </div>
        )}
        <ProfileRulesTable rules={draft.rules} errors={errors} onRuleChange={setRule} />
        <ProfileSettingsFields draft={draft} errors={errors} onChange={setNumber} />
        {errors.rules && (
          <p className="form-error" role="alert">
            Rules {errors.rules}
          </p>
        )}
        <div className="row-actions">
          <button className="button button--primary" type="submit" disabled={saving.saving}>
            Review and save
          </button>
          <button
            className="button"
            type="button"
            disabled={saving.saving}
            onClick={() => edit(() => draftFromProfile(saved))}
          >
            Discard changes
          </button>
        </div>
        {outcome?.kind === 'invalid' && (
          <p className="form-error" role="alert">
            Correct the marked fields before saving.
          </p>
        )}
        {outcome?.kind === 'unchanged' && (
          <p className="page__status" role="status">
            Nothing has changed.
          </p>
        )}
        {outcome?.kind === 'saved' && (
          <p className="page__status" role="status">
            {savedNotice}
          </p>
        )}
        {saving.error && (
          <p className="form-error" role="alert">
            Could not save {subject}: {refusalText(saving.error)}
          </p>
        )}
      </form>
      {confirming && (
        <SaveProfileConfirmation
          title={confirmTitle}
          consequence={confirmConsequence}
          changes={confirming}
          saving={saving.saving}
          onConfirm={confirm}
          onCancel={() => setConfirming(null)}
        />
      )}
      {after?.(parsed.ok ? parsed.profile : null)}
    </div>
  );
}
