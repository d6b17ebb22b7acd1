import type { ThresholdProfile, ThresholdProfileInput } from '@vigil/shared';
import { useMemo } from 'react';
import { useSaveThresholdProfile } from '../hooks/use-threshold-profiles';
import { LimitsForm } from './limits-form';
import { ProfilePreviewPanel } from './profile-preview-panel';

function definitionOf({ id: _id, ...definition }: ThresholdProfile): ThresholdProfileInput {
  return definition;
}

/** Edits one profile, shows what it would raise, and saves it once the physician confirms. */
export function ThresholdProfileEditor({ profile }: { profile: ThresholdProfile }) {
  const saved = useMemo(() => definitionOf(profile), [profile]);
  const save = useSaveThresholdProfile();
  return (
    <LimitsForm
      label={`Edit ${profile.name}`}
      subject="the profile"
      saved={saved}
      nameEditable
      saving={{
        save: (input, onSaved) =>
          save.mutate(
            { profileId: profile.id, input },
            { onSuccess: (stored) => onSaved(definitionOf(stored)) },
          ),
        saving: save.isPending,
        error: save.error,
        reset: save.reset,
      }}
      confirmTitle={`Save these changes to ${profile.name}?`}
      confirmConsequence="They apply to sessions that start from now on; a session already started keeps its own limits. The change is recorded in the audit trail."
      savedNotice={`Profile ${profile.name} saved.`}
      after={(draft) => <ProfilePreviewPanel saved={saved} draft={draft} />}
    />
  );
}
