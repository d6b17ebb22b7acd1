import { createHash } from 'node:crypto';
import type { VitalSampleEntity } from '../vitals/vital-sample.entity';

export const LOINC = 'http://loinc.org';
export const UCUM = 'http://unitsofmeasure.org';
const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const DATA_ABSENT_REASON = 'http://terminology.hl7.org/CodeSystem/data-absent-reason';
const PROFILE_BASE = 'http://hl7.org/fhir/StructureDefinition/';

interface Coding {
  system: string;
  code: string;
  display: string;
}

interface Quantity {
  value: number;
  unit: string;
  system: typeof UCUM;
  code: string;
}

interface ObservationComponent {
  code: { coding: Coding[]; text: string };
  valueQuantity?: Quantity;
  dataAbsentReason?: { coding: Coding[] };
}

export interface FhirObservation {
  resourceType: 'Observation';
  id: string;
  meta: { profile: string[] };
  status: 'final';
  category: Array<{ coding: Coding[]; text: string }>;
  code: { coding: Coding[]; text: string };
  subject: { reference: string };
  encounter: { reference: string };
  effectiveDateTime: string;
  issued: string;
  valueQuantity?: Quantity;
  component?: ObservationComponent[];
}

/**
 * The kinds of vital-signs Observation Vigil gives, in the order a sample's observations are
 * listed (and paged). Each names the FHIR vital-signs profile it conforms to and its LOINC codes,
 * the first being the one it is known by; SpO2 carries 2708-6 because the oxygensat profile
 * requires it, and 59408-5 (pulse oximetry) because that is how it was measured.
 */
export const OBSERVATION_KINDS = [
  {
    suffix: 'hr',
    profile: 'heartrate',
    coding: [{ system: LOINC, code: '8867-4', display: 'Heart rate' }],
    text: 'Heart rate',
    sign: 'heartRate',
    unit: '/min',
  },
  {
    suffix: 'spo2',
    profile: 'oxygensat',
    coding: [
      { system: LOINC, code: '2708-6', display: 'Oxygen saturation in Arterial blood' },
      {
        system: LOINC,
        code: '59408-5',
        display: 'Oxygen saturation in Arterial blood by Pulse oximetry',
      },
    ],
    text: 'Oxygen saturation (SpO2)',
    sign: 'spo2',
    unit: '%',
  },
  {
    suffix: 'rr',
    profile: 'resprate',
    coding: [{ system: LOINC, code: '9279-1', display: 'Respiratory rate' }],
    text: 'Respiratory rate',
    sign: 'respRate',
    unit: '/min',
  },
  {
    suffix: 'bp',
    profile: 'bp',
    coding: [{ system: LOINC, code: '85354-9', display: 'Blood pressure panel' }],
    text: 'Blood pressure',
    sign: 'systolic',
    unit: 'mm[Hg]',
  },
] as const;

export type ObservationKind = (typeof OBSERVATION_KINDS)[number];

const BP_COMPONENTS = [
  { sign: 'systolic', code: '8480-6', display: 'Systolic blood pressure' },
  { sign: 'diastolic', code: '8462-4', display: 'Diastolic blood pressure' },
] as const;

/** The stored columns each kind of Observation is made from: a sample without them gives none. */
export function columnsOf(
  kind: ObservationKind,
): Array<'heartRate' | 'spo2' | 'respRate' | 'systolic' | 'diastolic'> {
  return kind.suffix === 'bp' ? ['systolic', 'diastolic'] : [kind.sign];
}

/** The kinds a `code` search token names: `[system]|code`, `system|` or a bare code. */
export function kindsOfToken(token: string): ObservationKind[] {
  const bar = token.indexOf('|');
  const system = bar === -1 ? null : token.slice(0, bar);
  const code = bar === -1 ? token : token.slice(bar + 1);
  return OBSERVATION_KINDS.filter((kind) =>
    kind.coding.some(
      (coding) =>
        (system === null || system === coding.system) && (code === '' || code === coding.code),
    ),
  );
}

/**
 * A stable id from the sample's primary key and the kind: the same reading is the same
 * Observation in every search, and FHIR ids allow at most 64 characters.
 */
export function observationId(
  sample: Pick<VitalSampleEntity, 'sessionId' | 'source' | 'dedupeKey' | 'at'>,
  kind: ObservationKind,
): string {
  const key = [sample.sessionId.toLowerCase(), sample.source, sample.dedupeKey, sample.at].join(
    '\u0000',
  );
  return `${createHash('sha256').update(key).digest('hex').slice(0, 48)}-${kind.suffix}`;
}

const quantity = (value: number, unit: string): Quantity => ({
  value,
  unit,
  system: UCUM,
  code: unit,
});

/** One stored sample as the vital-signs Observations it holds, in OBSERVATION_KINDS order. */
export function observationsOf(
  sample: VitalSampleEntity,
  patientId: string,
  kinds: readonly ObservationKind[] = OBSERVATION_KINDS,
): FhirObservation[] {
  return kinds.flatMap((kind): FhirObservation[] => {
    const values = columnsOf(kind).map((column) => sample[column]);
    if (values.every((value) => value === null)) return [];
    const observation: FhirObservation = {
      resourceType: 'Observation',
      id: observationId(sample, kind),
      meta: { profile: [`${PROFILE_BASE}${kind.profile}`] },
      status: 'final',
      category: [
        {
          coding: [{ system: OBSERVATION_CATEGORY, code: 'vital-signs', display: 'Vital Signs' }],
          text: 'Vital Signs',
        },
      ],
      code: { coding: [...kind.coding], text: kind.text },
      subject: { reference: `Patient/${patientId}` },
      encounter: { reference: `Encounter/${sample.sessionId}` },
      effectiveDateTime: sample.at,
      issued: sample.receivedAt,
    };
    if (kind.suffix === 'bp') {
      observation.component = BP_COMPONENTS.map(({ sign, code, display }) => {
        const value = sample[sign];
        return {
          code: { coding: [{ system: LOINC, code, display }], text: display },
          // A monitor may send one pressure without the other; the profile wants both named.
          ...(value === null
            ? {
                dataAbsentReason: {
                  coding: [{ system: DATA_ABSENT_REASON, code: 'unknown', display: 'Unknown' }],
                },
              }
            : { valueQuantity: quantity(value, kind.unit) }),
        };
      });
    } else {
      observation.valueQuantity = quantity(values[0]!, kind.unit);
    }
    return [observation];
  });
}
