import { useState } from 'react';
import { ErrorNotice } from '../../ui/components/error-notice';
import { SelectField } from '../../ui/components/form-field';
import { useThresholdProfiles } from '../hooks/use-threshold-profiles';
import { ThresholdProfileEditor } from './threshold-profile-editor';
import './threshold-profiles.css';

/** The alarm limits and timers each session is monitored by, with a replay before saving. */
export function ThresholdProfilesSection() {
  const { data: profiles, error, isPending } = useThresholdProfiles();
  const [chosenId, setChosenId] = useState<string | null>(null);
  const profile = profiles?.find((candidate) => candidate.id === chosenId) ?? profiles?.[0];

  return (
    <section className="page__section" aria-labelledby="threshold-profiles-title">
      <h2 id="threshold-profiles-title">Threshold profiles</h2>
      {error && <ErrorNotice title="Could not load threshold profiles" error={error} />}
      {isPending && (
        <p className="page__status" role="status">
          Loading threshold profiles…
        </p>
      )}
      {profiles && profiles.length > 1 && profile && (
        <SelectField
          id="threshold-profile-choice"
          label="Profile"
          options={profiles.map((candidate) => ({
            value: candidate.id,
            label: `${candidate.name} (${candidate.id})`,
          }))}
          value={profile.id}
          onValueChange={setChosenId}
        />
      )}
      {profile && <ThresholdProfileEditor key={profile.id} profile={profile} />}
    </section>
  );
}
