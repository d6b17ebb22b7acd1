import { type Hl7Message, type Hl7Segment } from '@medplum/core';
import type { Hl7Source, VitalSampleInput, VitalSign } from '@vigil/shared';
import { createHash } from 'node:crypto';
import { parseHl7Time } from './hl7-time';
import { signOfCode, UNITS_OF } from './vital-sign-codes';

/** HL7 table 0357, the codes an ERR segment gives. */
export const HL7_ERROR = {
  segmentSequence: '100^Segment sequence error',
  requiredFieldMissing: '101^Required field missing',
  dataTypeError: '102^Data type error',
  tableValueNotFound: '103^Table value not found',
  unsupportedMessageType: '200^Unsupported message type',
  unsupportedEventCode: '201^Unsupported event code',
  unsupportedVersion: '203^Unsupported version id',
  unknownKey: '204^Unknown key identifier',
  duplicateKey: '205^Duplicate key identifier',
  internalError: '207^Application internal error',
} as const;
export type Hl7ErrorCode = (typeof HL7_ERROR)[keyof typeof HL7_ERROR];

/** Where in the message a problem lies: the segment, its occurrence and the field (ERR-2). */
export interface Hl7Location {
  segment: string;
  sequence: number;
  field: number;
}

/** Why a message is not taken: `AE` its content, `AR` anything else (its sender, our state). */
export interface Hl7Refusal {
  ackCode: 'AE' | 'AR';
  location: Hl7Location;
  error: Hl7ErrorCode;
  message: string;
}

export interface OruHeader {
  controlId: string;
  source: Hl7Source;
}

export interface OruReadings {
  /** The live session of this bay (PV1-3.1)… */
  bay: string | null;
  /** …or of this patient (PID-3.1). */
  mrn: string | null;
  samples: VitalSampleInput[];
  /** For each sample, the OBX that gave each of its signs: what an ERR names. */
  origins: Array<Partial<Record<VitalSign, Hl7Location>>>;
}

const SUPPORTED_VERSION = /^2\.[3-6](\.\d+)?$/;

export const describeLocation = (location: Hl7Location): string =>
  `${location.segment}[${location.sequence}]-${location.field}`;

function refuse(
  ackCode: Hl7Refusal['ackCode'],
  location: Hl7Location,
  error: Hl7ErrorCode,
  rule: string,
): Hl7Refusal {
  return { ackCode, location, error, message: `${describeLocation(location)} ${rule}` };
}

const msh = (field: number): Hl7Location => ({ segment: 'MSH', sequence: 1, field });

/** The header: whether Vigil takes this kind of message, and who sent it. */
export function readOruHeader(message: Hl7Message): OruHeader | Hl7Refusal {
  const header = message.getSegment('MSH');
  if (!header || message.segments[0] !== header) {
    return refuse('AE', msh(0), HL7_ERROR.segmentSequence, 'must be the first segment');
  }
  const type = header.getComponent(9, 1);
  const event = header.getComponent(9, 2);
  if (type !== 'ORU') {
    return refuse('AR', msh(9), HL7_ERROR.unsupportedMessageType, `must be ORU^R01 (was ${type})`);
  }
  if (event !== 'R01') {
    return refuse(
      'AR',
      msh(9),
      HL7_ERROR.unsupportedEventCode,
      `must be ORU^R01 (was ORU^${event})`,
    );
  }
  const version = header.getComponent(12, 1);
  if (!SUPPORTED_VERSION.test(version)) {
    return refuse(
      'AR',
      msh(12),
      HL7_ERROR.unsupportedVersion,
      `must be 2.3 to 2.6 (was ${version})`,
    );
  }
  const controlId = header.getField(10)?.toString().trim() ?? '';
  if (!controlId) {
    return refuse(
      'AE',
      msh(10),
      HL7_ERROR.requiredFieldMissing,
      'must name the message (control id)',
    );
  }
  const sendingApplication = header.getComponent(3, 1).trim();
  const sendingFacility = header.getComponent(4, 1).trim();
  if (!sendingApplication || !sendingFacility) {
    const field = sendingApplication ? 4 : 3;
    return refuse('AR', msh(field), HL7_ERROR.requiredFieldMissing, 'must name the sender');
  }
  return { controlId, source: { sendingApplication, sendingFacility } };
}

/**
 * MSH-10 as the samples' `seq`, so that a resent message is stored once: a number as itself, any
 * other control id as 48 bits of its SHA-256 (a collision would also need the same sender and the
 * same time to merge two readings).
 */
export function seqOfControlId(controlId: string): number {
  if (/^\d{1,15}$/.test(controlId)) return Number(controlId);
  return createHash('sha256').update(controlId).digest().readUIntBE(0, 6);
}

/**
 * The readings of an ORU^R01: each OBX naming a sign Vigil monitors becomes part of the sample at
 * its time (OBX-14, else its OBR-7); OBX for other observations are left aside. Any OBX of a
 * monitored sign that cannot be read refuses the whole message, as one bad sample refuses a batch.
 */
export function readOruReadings(
  message: Hl7Message,
  header: OruHeader,
  timeZone: string,
): OruReadings | Hl7Refusal {
  const bay = message.getSegment('PV1')?.getComponent(3, 1).trim() || null;
  const mrn = message.getSegment('PID')?.getComponent(3, 1).trim() || null;
  const seq = seqOfControlId(header.controlId);
  const byTime = new Map<
    string,
    { sample: VitalSampleInput; origin: Partial<Record<VitalSign, Hl7Location>> }
  >();
  let requestTime: string | null = null;
  let obxSequence = 0;
  let obrSequence = 0;
  for (const segment of message.segments) {
    if (segment.name === 'OBR') {
      obrSequence += 1;
      requestTime = segment.getField(7)?.toString().trim() || null;
      const at = requestTime && parseHl7Time(requestTime, timeZone);
      if (requestTime && !at) {
        const location = { segment: 'OBR', sequence: obrSequence, field: 7 };
        return refuse(
          'AE',
          location,
          HL7_ERROR.dataTypeError,
          'must be a time to the minute (YYYYMMDDHHMM[SS][+ZZZZ])',
        );
      }
      continue;
    }
    if (segment.name !== 'OBX') continue;
    obxSequence += 1;
    const read = readObservation(segment, obxSequence, requestTime, timeZone);
    if (read === null) continue;
    if ('ackCode' in read) return read;
    const entry = byTime.get(read.at) ?? { sample: { seq, at: read.at }, origin: {} };
    const earlier = entry.sample[read.sign];
    if (earlier !== undefined && earlier !== read.value) {
      return refuse(
        'AE',
        read.location,
        HL7_ERROR.duplicateKey,
        `gives ${read.sign} ${read.value} at ${read.at}, which ${describeLocation(entry.origin[read.sign]!)} gives as ${earlier}`,
      );
    }
    entry.sample[read.sign] = read.value;
    entry.origin[read.sign] = read.location;
    byTime.set(read.at, entry);
  }
  if (byTime.size === 0) {
    return refuse(
      'AE',
      { segment: 'OBX', sequence: Math.max(obxSequence, 1), field: 3 },
      HL7_ERROR.requiredFieldMissing,
      'must carry at least one vital sign Vigil monitors (LOINC 8867-4, 59408-5, 2708-6, 8480-6, 8462-4, 9279-1)',
    );
  }
  const entries = [...byTime.values()].sort((a, b) => a.sample.at.localeCompare(b.sample.at));
  return {
    bay,
    mrn,
    samples: entries.map((entry) => entry.sample),
    origins: entries.map((entry) => entry.origin),
  };
}

interface Observation {
  sign: VitalSign;
  value: number;
  at: string;
  location: Hl7Location;
}

/** One OBX: null when it is not a sign Vigil monitors, or the monitor could not measure it. */
function readObservation(
  segment: Hl7Segment,
  sequence: number,
  requestTime: string | null,
  timeZone: string,
): Observation | Hl7Refusal | null {
  const at = (field: number): Hl7Location => ({ segment: 'OBX', sequence, field });
  const sign = signOfCode(segment.getComponent(3, 1).trim(), segment.getComponent(3, 3).trim());
  if (!sign) return null;
  const status = segment.getField(11)?.toString().trim() ?? '';
  // X: the result cannot be obtained (a cuff that failed); W, D: a result withdrawn by the monitor.
  if (status === 'X' || status === 'W' || status === 'D') return null;
  const text = segment.getField(5)?.toString().trim() ?? '';
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) {
    return refuse(
      'AE',
      at(5),
      HL7_ERROR.dataTypeError,
      `must be a number for ${sign} (was "${text}")`,
    );
  }
  const unit = segment.getComponent(6, 1).trim();
  const unitText = segment.getComponent(6, 2).trim();
  const allowed = UNITS_OF[sign];
  if (unit && !allowed.includes(unit) && !allowed.includes(unitText)) {
    return refuse(
      'AE',
      at(6),
      HL7_ERROR.tableValueNotFound,
      `must be a unit of ${sign} (${allowed.filter((one) => !/^\d/.test(one)).join(', ')}; was ${unit})`,
    );
  }
  const time = segment.getField(14)?.toString().trim() || requestTime;
  if (!time) {
    return refuse(
      'AE',
      at(14),
      HL7_ERROR.requiredFieldMissing,
      'must give the time of the observation (or OBR-7)',
    );
  }
  const iso = parseHl7Time(time, timeZone);
  if (!iso) {
    return refuse(
      'AE',
      at(14),
      HL7_ERROR.dataTypeError,
      'must be a time to the minute (YYYYMMDDHHMM[SS][+ZZZZ])',
    );
  }
  return { sign, value: Number(text), at: iso, location: at(5) };
}
