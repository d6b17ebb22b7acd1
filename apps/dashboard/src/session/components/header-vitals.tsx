import { VITAL_RANGES, type LatestVitals, type VitalSign } from '@vigil/shared';

interface HeaderVital {
  abbreviation: string;
  name: string;
  signs: readonly VitalSign[];
}

/** The numbers a nurse checks first, in the order of the ward's tiles. */
const HEADER_VITALS: readonly HeaderVital[] = [
  { abbreviation: 'HR', name: 'Heart rate', signs: ['heartRate'] },
  { abbreviation: 'SpO2', name: 'Oxygen saturation', signs: ['spo2'] },
  { abbreviation: 'BP', name: 'Blood pressure', signs: ['systolic', 'diastolic'] },
  { abbreviation: 'RR', name: 'Respiratory rate', signs: ['respRate'] },
];

const shown = (readings: LatestVitals, sign: VitalSign): string => {
  const reading = readings[sign];
  return reading ? String(Math.round(reading.value)) : '—';
};

/**
 * The session's latest readings, as the realtime effect keeps them (each `vitals` event moves the
 * session's latestVitals forward), so the header reads the same numbers as the chair's tile.
 */
export function HeaderVitals({ readings }: { readings: LatestVitals }) {
  return (
    <dl className="session-header__vitals" aria-label="Latest readings">
      {HEADER_VITALS.map(({ abbreviation, name, signs }) => (
        <div key={abbreviation} className="session-header__vital">
          <dt>
            <abbr title={name}>{abbreviation}</abbr>
          </dt>
          <dd data-testid={`header-${abbreviation.toLowerCase()}`}>
            <span className="session-header__vital-value">
              {signs.map((sign) => shown(readings, sign)).join('/')}
            </span>{' '}
            <span className="session-header__vital-unit">{VITAL_RANGES[signs[0]!].unit}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
