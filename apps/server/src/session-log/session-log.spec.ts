import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AuditEntry, Session, TimelineEvent } from '@vigil/shared';
import { inflateSync } from 'node:zlib';
import { prepareSession } from '../../test/clinical';
import { startTestApp } from '../../test/test-app';
import { testDatabases } from '../../test/test-databases';
import { apiAs, seedUsers, tokensByRole } from '../../test/test-users';
import { AuditService } from '../audit/audit.service';
import { actorOf, systemPrincipal } from '../auth/principal';
import { UnitOfWork } from '../database/unit-of-work';

/** The text a PDF shows: pdfkit writes each run as hex strings in `[…] TJ`, in deflated streams. */
function pdfText(pdf: Buffer): string {
  const runs: string[] = [];
  const raw = pdf.toString('latin1');
  for (const [, content = ''] of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let page: string;
    try {
      page = inflateSync(Buffer.from(content, 'latin1')).toString('latin1');
    } catch {
      continue; // An image or a font, not a content stream.
    }
    for (const [, run = ''] of page.matchAll(/\[([^\]]*)\] TJ/g)) {
      const hex = [...run.matchAll(/<([0-9a-f]*)>/gi)].map(([, chunk]) => chunk).join('');
      runs.push(Buffer.from(hex, 'hex').toString('latin1'));
    }
  }
  return runs.join('\n');
}

describe.each(testDatabases())('the session log on $name', (database) => {
  let app: NestExpressApplication;
  let tokens: Awaited<ReturnType<typeof tokensByRole>>;
  const auditor = () => apiAs(app, tokens.auditor);
  const system = actorOf(systemPrincipal('test'));
  /** More than the 5,000 the log once stopped at: one per vitals batch, 80 minutes at 1 Hz. */
  const VITALS_BATCHES = 5_200;
  let session: Session;

  const download = (path: string) =>
    auditor()
      .get(path)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);

  beforeAll(async () => {
    ({ app } = await startTestApp(await database.create(), { timeZone: 'Europe/Paris' }));
    await seedUsers(app);
    tokens = await tokensByRole(app);
    const nurse = apiAs(app, tokens.nurse);
    const patient = await nurse
      .post('/patients')
      .send({ mrn: 'LOG-0042', displayName: 'Ada Lovelace', birthDate: '1980-02-03', weightKg: 70 })
      .expect(201);
    session = (
      await apiAs(app, tokens.physician)
        .post('/sessions')
        .send({ patientId: patient.body.id, bay: 'L1', indication: 'depression', doseMgPerKg: 0.5 })
        .expect(201)
    ).body;
    await prepareSession(app, session.id);
    // As the vitals ingest audits its batches, in one insert; then the session's last event.
    await app.get(UnitOfWork).run((manager) =>
      app.get(AuditService).appendAll(manager, [
        ...Array.from({ length: VITALS_BATCHES }, (_, batch) => ({
          actor: system,
          event: {
            action: 'vitals.accepted',
            entity: 'session',
            entityId: session.id,
            sessionId: session.id,
            detail: { accepted: 1, batch },
          },
        })),
        {
          actor: system,
          event: {
            action: 'session.discharge',
            entity: 'session',
            entityId: session.id,
            sessionId: session.id,
            detail: { at: '2099-01-01T00:00:00.000Z' },
          },
        },
      ]),
    );
  });

  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  it('reads the whole timeline of a session of more than 5,000 audit entries, to its discharge', async () => {
    const log: TimelineEvent[] = (await auditor().get(`/sessions/${session.id}/log`).expect(200))
      .body;
    expect(log.map((event) => event.summary)).toEqual([
      'Session scheduled',
      'Assessment: no contraindication',
      'Infusion started',
      'Pump started at 52.5 mL/h',
      'Discharged',
    ]);
  });

  it('exports every event to CSV, the discharge last', async () => {
    const reply = await download(`/sessions/${session.id}/log.csv`);
    expect(reply.headers['content-type']).toMatch(/text\/csv/);
    const lines = (reply.body as Buffer).toString('utf8').trim().split('\n');
    expect(lines[0]).toBe('at,kind,actor,summary,detail');
    expect(lines).toHaveLength(6);
    expect(lines.at(-1)).toMatch(/^2099-01-01T00:00:00.000Z,state,system:test,Discharged,/);
  });

  it('prints both patient identifiers, clinic times with their offset and the discharge in the PDF', async () => {
    const text = pdfText((await download(`/sessions/${session.id}/report.pdf`)).body as Buffer);
    expect(text).toContain('Ada Lovelace · MRN LOG-0042 · born 1980-02-03');
    expect(text).toContain('times in Europe/Paris');
    expect(text).toMatch(/2099-01-01 01:00:00 \+01:00  +State +system:test: Discharged/);
    // Clinical words, not the codes between programs.
    expect(text).toContain('Bay L1 · Depression');
    expect(text).toContain('State Infusing');
  });

  it("audits each read as one of the patient's record", async () => {
    await auditor().get(`/sessions/${session.id}/report.pdf`).expect(200);
    const reads = (await app.get(AuditService).list({ sessionId: session.id, order: 'desc' }))
      .filter((entry: AuditEntry) => entry.action === 'session.log.read')
      .map((entry) => entry.detail);
    expect(reads[0]).toEqual({ format: 'pdf', patientId: session.patientId });
  });
});
