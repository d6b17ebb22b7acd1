import { VITAL_RANGES, type LatestReading, type LatestVitals, type VitalSign } from '@vigil/shared';
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

/** Who a reading came from, in a nurse's words; source ids name the device or the person. */
function sourceWords(source: string): string {
  if (source.startsWith('device:')) return 'a monitor';
  if (source.startsWith('user:')) return 'a manual entry';
  return 'the system';
}

/**
 * When several sources were heard lately, which one the value shown is (the most alarming) and
 * what the others say, so a reassuring second reading is never mistaken for the one shown.
 */
function sourcesNote(sign: VitalSign, reading: LatestReading): string | undefined {
  const others = Object.entries(reading.sources ?? {}).filter(
    ([source]) => source !== reading.source,
  );
  if (others.length === 0) return undefined;
  const shown = `${VITAL_RANGES[sign].label} ${Math.round(reading.value)}${
    reading.source ? ` from ${sourceWords(reading.source)}` : ''
  }`;
  const also = others.map(
    ([source, one]) => `${Math.round(one.value)} from ${sourceWords(source)}`,
  );
  return `${shown}; also heard: ${also.join(', ')}`;
}

export function VitalValue({ sign, readings }: VitalValueProps) {
  const reading = readings[sign];
  return (
    <span
      data-testid={`vital-${sign}`}
      data-sources={reading?.sources ? Object.keys(reading.sources).length : undefined}
      title={reading ? sourcesNote(sign, reading) : `No ${VITAL_RANGES[sign].label} reading`}
    >
      {reading ? Math.round(reading.value) : '—'}
    </span>
  );
}
