import { VITAL_RANGES, type LatestReading, type LatestVitals, type VitalSign } from '@vigil/shared';
import type { ReactNode } from 'react';
import type { LimitMark } from '../utils/limit-marks';
import { silenceShort, silenceWords } from '../utils/sign-staleness';
import { StaleClockIcon } from './stale-clock-icon';

interface VitalReadingProps {
  abbreviation: string;
  name: string;
  /** The name as said in a sentence ("no SpO2 for 45 s"); the name in lower case unless given. */
  spokenName?: string;
  unit: string;
  /** Which reading this is, for the tile's layout (blood pressure takes a row of its own). */
  kind: 'bp' | 'hr' | 'spo2' | 'rr';
  /** Beside the name, e.g. the age of a blood pressure from an earlier cuff cycle. */
  note?: string;
  /** How long the sign has been silent, once longer than it should be; it then replaces the note. */
  silentForMs?: number;
  children: ReactNode;
}

export function VitalReading({
  abbreviation,
  name,
  spokenName = name.toLowerCase(),
  unit,
  kind,
  note,
  silentForMs,
  children,
}: VitalReadingProps) {
  const silent = silentForMs !== undefined;
  return (
    <div className="vital" data-kind={kind} data-stale={silent}>
      {/* The unit beside the name rather than under the value: a line less on every tile. */}
      <dt className="vital__label">
        <abbr title={name}>{abbreviation}</abbr> <span className="vital__unit">{unit}</span>
      </dt>
      <dd className="vital__reading">
        <span className="vital__value">{children}</span>
        {silent ? (
          <span className="vital__stale" data-testid={`vital-stale-${kind}`}>
            <StaleClockIcon />
            <span aria-hidden="true">{silenceShort(silentForMs)}</span>
            <span className="visually-hidden">{silenceWords(spokenName, silentForMs)}</span>
          </span>
        ) : (
          note && <span className="vital__note">{note}</span>
        )}
      </dd>
    </div>
  );
}

interface VitalValueProps {
  sign: VitalSign;
  readings: LatestVitals;
  /** The value's open alert, when it is past its limit: drawn in the alarm's colour, with an arrow. */
  limit?: LimitMark;
  /** Its latest reading is older than the sign's limit: dimmed. */
  stale?: boolean;
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

export function VitalValue({ sign, readings, limit, stale = false }: VitalValueProps) {
  const reading = readings[sign];
  return (
    <span className="vital-value">
      <span
        className="vital-value__number"
        data-testid={`vital-${sign}`}
        data-sources={reading?.sources ? Object.keys(reading.sources).length : undefined}
        data-priority={limit?.priority}
        data-stale={stale}
        title={reading ? sourcesNote(sign, reading) : `No ${VITAL_RANGES[sign].label} reading`}
      >
        {reading ? Math.round(reading.value) : '—'}
      </span>
      {/* Never colour alone: an arrow says which way the value went past its limit. */}
      {limit && (
        <span
          className="vital-value__limit"
          data-testid={`vital-limit-${sign}`}
          data-priority={limit.priority}
        >
          <span aria-hidden="true">{limit.side === 'above' ? '↑' : '↓'}</span>
          {/* An alert stays open a while after its value is back: "alarm", not "now". */}
          <span className="visually-hidden"> (alarm: {limit.side} limit)</span>
        </span>
      )}
    </span>
  );
}
