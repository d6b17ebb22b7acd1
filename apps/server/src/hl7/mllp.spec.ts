import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DeviceCreated, SourcedVitalSample } from '@vigil/shared';
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { prepareSession } from '../../test/clinical';
import { startTestApp } from '../../test/test-app';
import { testDatabases } from '../../test/test-databases';
import { apiAs, seedUsers, tokensByRole } from '../../test/test-users';
import { frame, MllpDecoder } from './mllp-framing';
import { MllpListener } from './mllp-listener';

/** A monitor gateway: frames what it sends, reads the ACKs back however TCP splits them. */
class Gateway {
  private readonly decoder = new MllpDecoder();
  private readonly acks: string[] = [];
  private waiting: (() => void) | null = null;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk) => {
      this.acks.push(...this.decoder.push(chunk));
      this.waiting?.();
    });
  }

  static open(port: number): Promise<Gateway> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new Gateway(socket)));
      socket.once('error', reject);
    });
  }

  write(bytes: Buffer): Promise<void> {
    return new Promise((resolve) => this.socket.write(bytes, () => resolve()));
  }

  async next(count = 1): Promise<string[]> {
    while (this.acks.length < count) {
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
    return this.acks.splice(0, count);
  }

  async send(message: string): Promise<string> {
    await this.write(frame(message));
    return (await this.next())[0]!; // next() waits until there is one
  }

  close(): void {
    this.socket.destroy();
  }
}

const hl7Time = (at: Date) =>
  at
    .toISOString()
    .replace(/[-:TZ]/g, '')
    .slice(0, 14) + '+0000';

interface Oru {
  controlId: string;
  bay?: string;
  mrn?: string;
  app?: string;
  facility?: string;
  at?: Date;
  obx?: string[];
}

function oru({ controlId, bay, mrn, app = 'GW', facility = 'WARD', at = new Date(), obx }: Oru) {
  const time = hl7Time(at);
  return [
    `MSH|^~\\&|${app}|${facility}|VIGIL|CLINIC|${time}||ORU^R01^ORU_R01|${controlId}|P|2.5`,
    `PID|1||${mrn ?? ''}^^^CLINIC^MR||Doe^Jane`,
    `PV1|1|O|${bay ?? ''}^^^CLINIC`,
    `OBR|1|||VITALS^Vital signs|||${time}`,
    ...(obx ?? [
      `OBX|1|NM|8867-4^Heart rate^LN||72|/min^^UCUM|||||F|||${time}`,
      `OBX|2|NM|59408-5^SpO2^LN||97|%^^UCUM|||||F|||${time}`,
      `OBX|3|NM|8480-6^Systolic^LN||128|mm[Hg]^^UCUM|||||F`,
      `OBX|4|NM|8462-4^Diastolic^LN||82|mm[Hg]^^UCUM|||||F`,
    ]),
  ].join('\r');
}

const msa = (ack: string) => ack.split('\r').find((segment) => segment.startsWith('MSA|'));
const err = (ack: string) => ack.split('\r').find((segment) => segment.startsWith('ERR|'));

describe.each(testDatabases())('HL7 v2 over MLLP on $name', (database) => {
  let app: NestExpressApplication;
  let port: number;
  let tokens: Awaited<ReturnType<typeof tokensByRole>>;
  let device: DeviceCreated;
  let patients = 0;
  const gateways: Gateway[] = [];

  async function gateway(): Promise<Gateway> {
    const opened = await Gateway.open(port);
    gateways.push(opened);
    return opened;
  }

  /** A session under way in a bay of its own, for a patient of its own. */
  async function sessionInBay(): Promise<{ id: string; bay: string; mrn: string }> {
    patients += 1;
    const mrn = `HL7-${patients}`;
    const bay = `H${patients}`;
    const patient = await apiAs(app, tokens.nurse)
      .post('/patients')
      .send({ mrn, displayName: 'Jane Doe', weightKg: 70 })
      .expect(201);
    const session = await apiAs(app, tokens.physician)
      .post('/sessions')
      .send({ patientId: patient.body.id, bay, indication: 'depression', doseMgPerKg: 0.5 })
      .expect(201);
    await prepareSession(app, session.body.id);
    return { id: session.body.id, bay, mrn };
  }

  async function stored(sessionId: string): Promise<SourcedVitalSample[]> {
    return (await apiAs(app, tokens.nurse).get(`/sessions/${sessionId}/vitals`).expect(200)).body;
  }

  beforeAll(async () => {
    ({ app } = await startTestApp(await database.create(), { mllpPort: 0 }));
    port = app.get(MllpListener).port()!;
    await seedUsers(app);
    tokens = await tokensByRole(app);
    device = (
      await apiAs(app, tokens.admin)
        .post('/devices')
        .send({ label: 'Ward gateway', hl7: { sendingApplication: 'GW', sendingFacility: 'WARD' } })
        .expect(201)
    ).body;
  });

  afterEach(() => {
    for (const one of gateways.splice(0)) one.close();
  });

  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  it('registers the gateway by its MSH-3 and MSH-4, once', async () => {
    expect(device.hl7).toEqual({ sendingApplication: 'GW', sendingFacility: 'WARD' });
    const again = await apiAs(app, tokens.admin)
      .post('/devices')
      .send({ label: 'Impostor', hl7: { sendingApplication: 'GW', sendingFacility: 'WARD' } })
      .expect(409);
    expect(again.body.code).toBe('HL7_SOURCE_TAKEN');
  });

  it('answers AA only once the readings are stored, attributed to the gateway', async () => {
    const session = await sessionInBay();
    const at = new Date(Math.floor(Date.now() / 1000) * 1000 - 2000);
    const ack = await (await gateway()).send(oru({ controlId: '1001', bay: session.bay, at }));
    expect(msa(ack)).toBe('MSA|AA|1001|OK');
    expect(ack.startsWith('MSH|^~\\&|VIGIL|CLINIC|GW|WARD|')).toBe(true);
    expect(await stored(session.id)).toEqual([
      expect.objectContaining({
        seq: 1001,
        at: at.toISOString(),
        heartRate: 72,
        spo2: 97,
        systolic: 128,
        diastolic: 82,
        source: `device:${device.id}`,
      }),
    ]);
  });

  it('finds the session by the MRN in PID-3 when PV1-3 names no bay', async () => {
    const session = await sessionInBay();
    const ack = await (await gateway()).send(oru({ controlId: 'MRN-1', mrn: session.mrn }));
    expect(msa(ack)).toBe('MSA|AA|MRN-1|OK');
    expect(await stored(session.id)).toHaveLength(1);
  });

  it('stores a resent message (same MSH-10) once', async () => {
    const session = await sessionInBay();
    const message = oru({ controlId: 'RESEND-7', bay: session.bay });
    const link = await gateway();
    expect(msa(await link.send(message))).toBe('MSA|AA|RESEND-7|OK');
    expect(msa(await link.send(message))).toBe('MSA|AA|RESEND-7|OK');
    expect(await stored(session.id)).toHaveLength(1);
  });

  it('reassembles frames split across packets and answers several messages on one connection in order', async () => {
    const session = await sessionInBay();
    const base = Date.now() - 10_000;
    const bytes = Buffer.concat(
      [1, 2, 3].map((n) =>
        frame(oru({ controlId: `SPLIT-${n}`, bay: session.bay, at: new Date(base + n * 1000) })),
      ),
    );
    const link = await gateway();
    // Cut inside the first frame, across the second's end block (0x1C | 0x0D) and anywhere else.
    const secondEnd = bytes.indexOf(0x1c, bytes.indexOf(0x1c) + 1);
    for (const [from, to] of [
      [0, 7],
      [7, secondEnd + 1],
      [secondEnd + 1, secondEnd + 40],
      [secondEnd + 40, bytes.length],
    ]) {
      await link.write(bytes.subarray(from, to));
      await sleep(20);
    }
    const acks = await link.next(3);
    expect(acks.map(msa)).toEqual(['MSA|AA|SPLIT-1|OK', 'MSA|AA|SPLIT-2|OK', 'MSA|AA|SPLIT-3|OK']);
    expect(await stored(session.id)).toHaveLength(3);
  });

  it('takes a gateway that reconnects, and the message it resends after the drop counts once', async () => {
    const session = await sessionInBay();
    const first = await gateway();
    const message = oru({ controlId: 'RECONNECT-1', bay: session.bay });
    expect(msa(await first.send(message))).toBe('MSA|AA|RECONNECT-1|OK');
    first.close();
    const second = await gateway();
    expect(msa(await second.send(message))).toBe('MSA|AA|RECONNECT-1|OK');
    expect(
      msa(
        await second.send(
          oru({ controlId: 'RECONNECT-2', bay: session.bay, at: new Date(Date.now() - 1000) }),
        ),
      ),
    ).toBe('MSA|AA|RECONNECT-2|OK');
    expect(await stored(session.id)).toHaveLength(2);
  });

  it('answers AE with an ERR naming the field for a value that is not a number, and stores nothing', async () => {
    const session = await sessionInBay();
    const time = hl7Time(new Date());
    const ack = await (
      await gateway()
    ).send(
      oru({
        controlId: 'BAD-1',
        bay: session.bay,
        obx: [
          `OBX|1|NM|8867-4^Heart rate^LN||72|/min|||||F|||${time}`,
          `OBX|2|NM|59408-5^SpO2^LN||ninety|%|||||F|||${time}`,
        ],
      }),
    );
    expect(msa(ack)).toBe('MSA|AE|BAD-1|Application Error');
    expect(err(ack)).toMatch(
      /^ERR\|OBX\^2\^5\^102&Data type error&HL70357\|OBX\^2\^5\|102\^Data type error\^HL70357\|E\|\|\|\|OBX\[2\]-5 must be a number for spo2 \(was "ninety"\)$/,
    );
    expect(await stored(session.id)).toEqual([]);
  });

  it('answers AE naming the OBX whose value is out of range, and a pressure in kPa, storing nothing', async () => {
    const session = await sessionInBay();
    const time = hl7Time(new Date());
    const link = await gateway();
    const outOfRange = await link.send(
      oru({
        controlId: 'BAD-2',
        bay: session.bay,
        obx: [
          `OBX|1|NM|8867-4^Heart rate^LN||72|/min|||||F|||${time}`,
          `OBX|2|NM|2708-6^SpO2^LN||150|%|||||F|||${time}`,
        ],
      }),
    );
    expect(msa(outOfRange)).toBe('MSA|AE|BAD-2|Application Error');
    expect(err(outOfRange)).toContain('|OBX^2^5|');
    expect(err(outOfRange)).toContain('OBX[2]-5 spo2 must be between 0 and 100');
    const kilopascal = await link.send(
      oru({
        controlId: 'BAD-3',
        bay: session.bay,
        obx: [`OBX|1|NM|8480-6^Systolic^LN||16|kPa|||||F|||${time}`],
      }),
    );
    expect(msa(kilopascal)).toBe('MSA|AE|BAD-3|Application Error');
    expect(err(kilopascal)).toContain('|OBX^1^6|');
    expect(await stored(session.id)).toEqual([]);
  });

  it('answers AR for an unknown sender, an unknown bay, and a patient who is not the one in the bay', async () => {
    const session = await sessionInBay();
    const other = await sessionInBay();
    const link = await gateway();
    const stranger = await link.send(oru({ controlId: 'AR-1', bay: session.bay, app: 'ROGUE' }));
    expect(msa(stranger)).toBe('MSA|AR|AR-1|Application Reject');
    expect(err(stranger)).toContain('|MSH^1^3|204^Unknown key identifier^HL70357|');
    const nowhere = await link.send(oru({ controlId: 'AR-2', bay: 'NO-SUCH-BAY' }));
    expect(msa(nowhere)).toBe('MSA|AR|AR-2|Application Reject');
    expect(err(nowhere)).toContain('|PV1^1^3|');
    const mismatch = await link.send(oru({ controlId: 'AR-3', bay: session.bay, mrn: other.mrn }));
    expect(msa(mismatch)).toBe('MSA|AR|AR-3|Application Reject');
    expect(err(mismatch)).toContain('|PID^1^3|');
    expect(await stored(session.id)).toEqual([]);
    expect(await stored(other.id)).toEqual([]);
  });

  it('answers AR for a message type other than ORU^R01', async () => {
    const ack = await (
      await gateway()
    ).send(`MSH|^~\\&|GW|WARD|VIGIL|CLINIC|20260101120000||ADT^A01|ADT-1|P|2.5\rPID|1||X`);
    expect(msa(ack)).toBe('MSA|AR|ADT-1|Application Reject');
    expect(err(ack)).toContain('|MSH^1^9|200^Unsupported message type^HL70357|');
  });
});
