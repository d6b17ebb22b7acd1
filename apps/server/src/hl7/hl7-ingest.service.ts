import { BadRequestException, HttpException, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Hl7Message } from '@medplum/core';
import { VITALS_ACCEPTING_STATES, type VitalSign } from '@vigil/shared';
import { In, type Repository } from 'typeorm';
import type { DevicePrincipal } from '../auth/principal';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DevicesService } from '../devices/devices.service';
import { PatientEntity } from '../patients/patient.entity';
import { SessionEntity } from '../sessions/session.entity';
import { VitalsIngestService } from '../vitals/vitals-ingest.service';
import { acceptAck, refusalAck } from './hl7-ack';
import {
  describeLocation,
  HL7_ERROR,
  type Hl7Location,
  type Hl7Refusal,
  type OruReadings,
  readOruHeader,
  readOruReadings,
} from './oru-message';

const at = (segment: string, field: number): Hl7Location => ({ segment, sequence: 1, field });

const isRefusal = (value: object): value is Hl7Refusal => 'ackCode' in value;

/**
 * An ORU^R01 from a monitor gateway, answered with its ACK: AA only once its readings are durable
 * (the same ingest as REST: rules, fan-out and audit, the device as the source), AE for content
 * that cannot be read (nothing stored), AR for a sender or bay Vigil does not know.
 */
@Injectable()
export class Hl7IngestService {
  private readonly logger = new Logger(Hl7IngestService.name);

  constructor(
    private readonly devices: DevicesService,
    private readonly vitals: VitalsIngestService,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(PatientEntity) private readonly patients: Repository<PatientEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async receive(text: string): Promise<string> {
    let message: Hl7Message;
    try {
      message = Hl7Message.parse(text);
    } catch {
      return refusalAck(null, {
        ackCode: 'AE',
        location: at('MSH', 0),
        error: HL7_ERROR.segmentSequence,
        message: 'the message must begin with its MSH segment',
      });
    }
    try {
      return await this.accept(message);
    } catch (error) {
      // AR, not AE: the content may be fine, and the gateway is to send it again.
      this.logger.error(
        `HL7 message not stored: ${error instanceof Error ? (error.stack ?? error.message) : 'non-error thrown'}`,
      );
      return refusalAck(message, {
        ackCode: 'AR',
        location: at('MSH', 10),
        error: HL7_ERROR.internalError,
        message: 'the readings could not be stored now; send the message again',
      });
    }
  }

  private async accept(message: Hl7Message): Promise<string> {
    const header = readOruHeader(message);
    if (isRefusal(header)) return refusalAck(message, header);
    const device = await this.devices.findHl7Source(header.source);
    if (!device || device.revoked) {
      const { sendingApplication, sendingFacility } = header.source;
      return refusalAck(message, {
        ackCode: 'AR',
        location: at('MSH', 3),
        error: HL7_ERROR.unknownKey,
        message: `MSH-3 ${sendingApplication} at MSH-4 ${sendingFacility} is ${device ? 'a revoked device' : 'not a registered device'}`,
      });
    }
    const readings = readOruReadings(message, header, this.config.timeZone);
    if (isRefusal(readings)) return refusalAck(message, readings);
    const session = await this.sessionOf(device.principal, readings);
    if (isRefusal(session)) return refusalAck(message, session);
    let batch;
    try {
      batch = this.vitals.validate({ samples: readings.samples });
    } catch (error) {
      if (error instanceof BadRequestException) {
        return refusalAck(message, invalidContent(error, readings));
      }
      throw error;
    }
    try {
      await this.vitals.ingest(device.principal, session.id, batch);
    } catch (error) {
      if (error instanceof HttpException) return refusalAck(message, refusedByIngest(error));
      throw error;
    }
    return acceptAck(message);
  }

  /**
   * The live session of the bay in PV1-3.1, else of the patient in PID-3.1. When the message
   * names both, they must agree: a reading is refused rather than given to another patient.
   */
  private async sessionOf(
    device: DevicePrincipal,
    { bay, mrn }: OruReadings,
  ): Promise<SessionEntity | Hl7Refusal> {
    const refuse = (field: Hl7Location, message: string): Hl7Refusal => ({
      ackCode: 'AR',
      location: field,
      error: HL7_ERROR.unknownKey,
      message,
    });
    const live = In([...VITALS_ACCEPTING_STATES]);
    if (bay) {
      if (device.bay !== null && device.bay !== bay) {
        return refuse(
          at('PV1', 3),
          `PV1-3 is bay ${bay}; the device is registered to bay ${device.bay}`,
        );
      }
      const session = await this.sessions.findOneBy({ bay, state: live });
      if (!session) return refuse(at('PV1', 3), `PV1-3 bay ${bay} has no session under way`);
      if (mrn) {
        const patient = await this.patients.findOneBy({ id: session.patientId });
        if (patient?.mrn !== mrn) {
          return refuse(at('PID', 3), `PID-3 is not the patient of the session in bay ${bay}`);
        }
      }
      return session;
    }
    if (!mrn) {
      return {
        ackCode: 'AE',
        location: at('PV1', 3),
        error: HL7_ERROR.requiredFieldMissing,
        message: 'PV1-3 (bay) or PID-3 (MRN) must name whose readings these are',
      };
    }
    const patient = await this.patients.findOneBy({ mrn });
    const sessions = patient
      ? await this.sessions.findBy({ patientId: patient.id, state: live })
      : [];
    const [session, ...others] = sessions;
    if (!session || others.length > 0) {
      return refuse(
        at('PID', 3),
        session
          ? 'PID-3 names a patient with several sessions under way; PV1-3 must name the bay'
          : 'PID-3 names no patient with a session under way',
      );
    }
    if (device.bay !== null && device.bay !== session.bay) {
      return refuse(
        at('PID', 3),
        `PID-3 names a patient in bay ${session.bay}; the device is registered to bay ${device.bay}`,
      );
    }
    return session;
  }
}

/** Where a refusal that names no observation of its own points: the first one's time. */
const FIRST_OBX_TIME: Hl7Location = { segment: 'OBX', sequence: 1, field: 14 };

/** The shared schema's refusal (`samples[1].spo2 must be …`), told as the OBX that carried it. */
function invalidContent(error: BadRequestException, readings: OruReadings): Hl7Refusal {
  const body = error.getResponse() as { message?: string | string[] };
  const located = [body.message ?? error.message].flat().map((problem) => {
    const match = /^samples\[(\d+)\]\.(\w+) (.*)$/.exec(problem);
    const origin = readings.origins[match ? Number(match[1]) : 0] ?? {};
    const valueOrigin = match ? origin[match[2] as VitalSign] : undefined;
    // Not a value (the time): the OBX-14 of the sample's first observation (every sample has one).
    const first = Object.values(origin)[0] ?? FIRST_OBX_TIME;
    const location: Hl7Location = valueOrigin ?? { ...first, field: 14 };
    const rule = match ? `${match[2]} ${match[3]}` : problem;
    return { location, text: `${describeLocation(location)} ${rule}` };
  });
  return {
    ackCode: 'AE',
    location: located[0]?.location ?? FIRST_OBX_TIME,
    error: HL7_ERROR.dataTypeError,
    message: located.map((one) => one.text).join('; '),
  };
}

/** A refusal of the shared ingest: a conflicting resend is the sender's content, the rest is not. */
function refusedByIngest(error: HttpException): Hl7Refusal {
  const body = error.getResponse() as { code?: string; message?: string | string[] } | string;
  const text = typeof body === 'string' ? body : [body.message ?? error.message].flat().join('; ');
  if (typeof body !== 'string' && body.code === 'SAMPLE_CONFLICT') {
    return {
      ackCode: 'AE',
      location: at('MSH', 10),
      error: HL7_ERROR.duplicateKey,
      message: `MSH-10 was received before with other values: ${text}`,
    };
  }
  return { ackCode: 'AR', location: at('MSH', 10), error: HL7_ERROR.unknownKey, message: text };
}
