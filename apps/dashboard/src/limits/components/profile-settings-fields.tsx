import { TextField } from '../../ui/components/form-field';
import {
  NUMBER_FIELD_PATHS,
  type ProfileDraft,
  type ProfileErrors,
  type ProfileNumberField,
} from '../utils/profile-draft';

const GROUPS: Array<{ title: string; fields: Array<[ProfileNumberField, string]> }> = [
  {
    title: 'Timers',
    fields: [
      ['deepDesaturationSpo2', 'Deep desaturation: SpO2 below (raises at once)'],
      ['signalLossS', 'Signal loss after (s)'],
      ['bpIntervalMin', 'Blood pressure every (min)'],
      ['bpGraceMin', 'Blood pressure grace (min)'],
      ['bpAfterHighMin', 'Blood pressure after a high reading every (min)'],
      ['reminderMin', 'Remind after (min)'],
      ['escalationHighS', 'Escalate high after (s)'],
      ['escalationMediumS', 'Escalate medium after (s)'],
    ],
  },
  {
    title: 'Contraindications at assessment',
    fields: [
      ['systolicMax', 'Systolic from (mmHg)'],
      ['diastolicMax', 'Diastolic from (mmHg)'],
      ['spo2Min', 'SpO2 below (%)'],
    ],
  },
  {
    title: 'Discharge',
    fields: [['recoveryMinimumMin', 'Recovery at least (min)']],
  },
];

interface ProfileSettingsFieldsProps {
  draft: ProfileDraft;
  errors: ProfileErrors;
  onChange: (field: ProfileNumberField, value: string) => void;
}

export function ProfileSettingsFields({ draft, errors, onChange }: ProfileSettingsFieldsProps) {
  return (
    <>
      {GROUPS.map((group) => (
        <fieldset key={group.title} className="profile-settings">
          <legend>{group.title}</legend>
          <div className="form-row">
            {group.fields.map(([field, label]) => (
              <TextField
                key={field}
                id={`profile-${field}`}
                label={label}
                inputMode="decimal"
                autoComplete="off"
                value={draft[field]}
                onValueChange={(value) => onChange(field, value)}
                error={errors[NUMBER_FIELD_PATHS[field]]}
              />
            ))}
          </div>
        </fieldset>
      ))}
    </>
  );
}
