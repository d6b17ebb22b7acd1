import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { VitalSampleInput, VitalSign } from '@vigil/shared';
import { connect, type Socket } from 'node:net';
import { actorOf, systemPrincipal } from '../auth/principal';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DevicesService } from '../devices/devices.service';
import { MllpListener } from '../hl7/mllp-listener';
import { frame, MllpDecoder } from '../hl7/mllp-framing';

/** MSH-3 and MSH-4 of the demo's gateway: the HL7 source its device is registered with. */
export const DEMO_HL7_SOURCE = { sendingApplication: 'VIGIL_DEMO', sendingFacility: 'DEMO_WARD' };

/** How long the gateway waits for an ACK before it drops the connection and reconnects. */
const ACK_TIMEOUT_MS = 10_000;

const OBX_OF: ReadonlyArray<[VitalSign, string, string, string]> = [
  ['heartRate', '8867-4', 'Heart rate', '/min'],
  ['spo2', '59408-5', 'SpO2', '%'],
  ['respRate', '9279-1', 'Respiratory rate', '/min'],
  ['systolic', '8480-6', 'Systolic blood pressure', 'mm[Hg]'],
  ['diastolic', '8462-4', 'Diastolic blood pressure', 'mm[Hg]'],
  ['etco2', '19889-5', 'End-tidal CO2', 'mm[Hg]'],
];

/** An instant as HL7 DTM in UTC, with its offset so no receiver reads it in its own zone. */
function hl7Time(iso: string): string {
  return `${iso.replace(/[-:T]/g, '').slice(0, 14)}+0000`;
}

/** One sample as the ORU^R01 a monitor gateway sends: the bay in PV1-3, LOINC-coded OBX. */
export function demoOru(bay: string, sample: VitalSampleInput): string {
  const time = hl7Time(new Date(sample.at).toISOString());
  const controlId = String(sample.seq ?? Date.parse(sample.at));
  const observations = OBX_OF.filter(([sign]) => sample[sign] !== undefined).map(
    ([sign, code, name, unit], index) =>
      `OBX|${index + 1}|NM|${code}^${name}^LN||${sample[sign]}|${unit}^^UCUM|||||F|||${time}`,
  );
  return [
    `MSH|^~\\&|${DEMO_HL7_SOURCE.sendingApplication}|${DEMO_HL7_SOURCE.sendingFacility}|VIGIL|CLINIC|${time}||ORU^R01^ORU_R01|${controlId}|P|2.5`,
    `PV1|1|O|${bay}`,
    `OBR|1|||VITALS^Vital signs|||${time}`,
    ...observations,
  ].join('\r');
}

/**
 * The demo's monitor gateway: one chair's readings go as HL7 v2 ORU^R01 over MLLP to Vigil's own
 * listener, one message at a time, each sent once the previous one's ACK is back, the way real
 * gateways send. Its device is registered with DEMO_HL7_SOURCE, for its bay, on first use.
 */
@Injectable()
export class DemoHl7Gateway implements OnApplicationShutdown {
  private readonly logger = new Logger(DemoHl7Gateway.name);
  private socket: Socket | null = null;
  private awaitingAck: ((ack: string | null) => void) | null = null;
  private queue: Promise<void> = Promise.resolve();
  private registered = false;

  constructor(
    private readonly devices: DevicesService,
    private readonly listener: MllpListener,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Whether the demo sends over HL7: only with VIGIL_MLLP_PORT set. */
  get enabled(): boolean {
    return this.config.mllpPort !== null;
  }

  /** Sends the sample and resolves with its ACK's MSA-1 (AA when stored), null when none came. */
  send(bay: string, sample: VitalSampleInput): Promise<string | null> {
    const sent = this.queue.then(() => this.exchange(bay, demoOru(bay, sample)));
    this.queue = sent.then(
      () => undefined,
      () => undefined,
    );
    return sent;
  }

  onApplicationShutdown(): void {
    this.socket?.destroy();
    this.socket = null;
  }

  private async exchange(bay: string, message: string): Promise<string | null> {
    await this.register(bay);
    const socket = await this.connection();
    const ack = await new Promise<string | null>((resolve) => {
      const timer = setTimeout(() => {
        this.logger.warn('demo HL7 gateway: no ACK in time; reconnecting');
        socket.destroy();
      }, ACK_TIMEOUT_MS);
      this.awaitingAck = (reply) => {
        clearTimeout(timer);
        this.awaitingAck = null;
        resolve(reply);
      };
      socket.write(frame(message));
    });
    const code = ack
      ?.split('\r')
      .find((segment) => segment.startsWith('MSA|'))
      ?.split('|')[1];
    if (code !== 'AA')
      this.logger.warn(`demo HL7 gateway: message answered ${code ?? 'with no ACK'}`);
    return code ?? null;
  }

  /** The gateway's device, for the one bay it serves: a message naming another is refused. */
  private async register(bay: string): Promise<void> {
    if (this.registered) return;
    if (!(await this.devices.findHl7Source(DEMO_HL7_SOURCE))) {
      await this.devices.register(actorOf(systemPrincipal('simulator')), {
        label: 'Demo HL7 gateway',
        bay,
        hl7: DEMO_HL7_SOURCE,
      });
    }
    this.registered = true;
  }

  private async connection(): Promise<Socket> {
    if (this.socket && !this.socket.destroyed) return this.socket;
    const port = this.listener.port();
    if (port === null) throw new Error('the MLLP listener is not listening');
    const socket = await new Promise<Socket>((resolve, reject) => {
      const opened = connect(port, '127.0.0.1', () => resolve(opened));
      opened.once('error', reject);
    });
    const decoder = new MllpDecoder();
    socket.on('data', (chunk) => {
      for (const ack of decoder.push(chunk)) this.awaitingAck?.(ack);
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      if (this.socket === socket) this.socket = null;
      this.awaitingAck?.(null);
    });
    this.socket = socket;
    return socket;
  }
}
