import type { ThresholdProfile, ThresholdProfileInput } from '@vigil/shared';
import { useMemo, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error';
import { describeError } from '../../ui/components/error-notice';
import { TextField } from '../../ui/components/form-field';
import { useSaveThresholdProfile } from '../hooks/use-threshold-profiles';
import { describeProfileChanges } from '../utils/profile-changes';
import {
  draftFromProfile,
  parseProfileDraft,
  type ProfileDraft,
  type ProfileNumberField,
  type RuleDraft,
} from '../utils/profile-draft';
import { ProfilePreviewPanel } from './profile-preview-panel';
import { ProfileRulesTable } from './profile-rules-table';
import { ProfileSettingsFields } from './profile-settings-fields';
import { SaveProfileConfirmation } from './save-profile-confirmation';

function definitionOf({ id: _id, ...definition }: ThresholdProfile): ThresholdProfileInput {
  return definition;
}

type Outcome = { kind: 'saved' } | { kind: 'unchanged' } | { kind: 'invalid' } | null;

/**
 * Why the server refused the profile, in its own sentences: each names the field and, for a
 * safety floor (`SAFETY_FLOOR`), the floor no edit may pass.
 */
function refusalText(error: Error): string {
  if (!(error instanceof ApiError) || error.statusCode !== 400) return describeError(error);
  const reasons = error.messages.join('; ');
  return error.code === 'SAFETY_FLOOR' ? `a safety floor holds: ${reasons}` : reasons;
}

/** Edits one profile, shows what it would raise, and saves it once the physician confirms. */
export function ThresholdProfileEditor({ profile }: { profile: ThresholdProfile }) {
  const saved = useMemo(() => definitionOf(profile), [profile]);
  const [draft, setDraft] = useState<ProfileDraft>(() => draftFromProfile(saved));
  const parsed = useMemo(() => parseProfileDraft(draft), [draft]);
  const errors = parsed.ok ? {} : parsed.errors;
  const [confirming, setConfirming] = useState<string[] | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const save = useSaveThresholdProfile();

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
    save.reset();
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
    save.mutate(
      { profileId: profile.id, input: parsed.profile },
      {
        onSuccess: (stored) => {
          setDraft(draftFromProfile(definitionOf(stored)));
          setConfirming(null);
          setOutcome({ kind: 'saved' });
        },
      },
    );
  };

  return (
    <div className="profile-editor">
      <form aria-label={`Edit ${profile.name}`} onSubmit={review} noValidate>
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
        <ProfileRulesTable rules={draft.rules} errors={errors} onRuleChange={setRule} />
        <ProfileSettingsFields draft={draft} errors={errors} onChange={setNumber} />
        {errors.rules && (
          <p className="form-error" role="alert">
            Rules {errors.rules}
          </p>
        )}
        <div className="row-actions">
          <button className="button button--primary" type="submit" disabled={save.isPending}>
            Review and save
          </button>
          <button
            className="button"
            type="button"
            disabled={save.isPending}
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
            Profile {profile.name} saved.
          </p>
        )}
        {save.error && (
          <p className="form-error" role="alert">
            Could not save the profile: {refusalText(save.error)}
          </p>
        )}
      </form>
      {confirming && (
        <SaveProfileConfirmation
          profileName={profile.name}
          changes={confirming}
          saving={save.isPending}
          onConfirm={confirm}
          onCancel={() => setConfirming(null)}
        />
      )}
      <ProfilePreviewPanel saved={saved} draft={parsed.ok ? parsed.profile : null} />
    </div>
  );
}
