import { VITAL_RANGES, type LatestVitals, type VitalSign } from '@vigil/shared';
import type { ReactNode } from 'react';

interface VitalReadingProps {
  abbreviation: string;
  name: string;
  unit: string;
  /** Shown under the value, e.g. the age of a blood pressure from an earlier cuff cycle. */
  note?: string;
  children: ReactNode;
}

export function VitalReading({ abbreviation, name, unit, note, children }: VitalReadingProps) {
  return (
    <div className="vital">
      {/* The unit beside the name rather than under the value: a line less on every tile. */}
      <dt className="vital__label">
        <abbr title={name}>{abbreviation}</abbr> <span className="vital__unit">{unit}</span>
      </dt>
      <dd className="vital__reading">
        <span className="vital__value">{children}</span>
        {note && <span className="vital__note">{note}</span>}
      </dd>
    </div>
  );
}

interface VitalValueProps {
  sign: VitalSign;
  readings: LatestVitals;
}

export function VitalValue({ sign, readings }: VitalValueProps) {
  const reading = readings[sign];
  return (
    <span
      data-testid={`vital-${sign}`}
      title={reading ? undefined : `No ${VITAL_RANGES[sign].label} reading`}
    >
      {reading ? Math.round(reading.value) : '—'}
    </span>
  );
}
