import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AuditEntry, Session, UserAccount } from '@vigil/shared';
import { prepareSession } from '../../test/clinical';
import { startTestApp } from '../../test/test-app';
import { testDatabases } from '../../test/test-databases';
import { apiAs, login, seedUsers, tokensByRole, TEST_PASSWORD } from '../../test/test-users';
import { AlertQueries } from '../alerts/alert-queries';
import { AuditService } from '../audit/audit.service';
import { containsPattern } from './session-search.filters';

describe('containsPattern', () => {
  it('matches the text anywhere, any case, and its wildcards only literally', () => {
    expect(containsPattern('MRN-1')).toBe('%mrn-1%');
    expect(containsPattern('100%_\\')).toBe('%100\\%\\_\\\\%');
  });
});

describe.each(testDatabases())('searching sessions on $name', (database) => {
  let app: NestExpressApplication;
  let tokens: Awaited<ReturnType<typeof tokensByRole>>;
  let otherNurse: ReturnType<typeof apiAs>;
  const as = (role: keyof typeof tokens) => apiAs(app, tokens[role]);
  const ids: Record<'ada' | 'ben' | 'cleo', string> = { ada: '', ben: '', cleo: '' };

  async function sessionFor(
    mrn: string,
    displayName: string,
    bay: string,
    assignees: { assignedNurseId?: string; supervisingPhysicianId?: string } = {},
  ): Promise<string> {
    const patient = await as('nurse')
      .post('/patients')
      .send({ mrn, displayName, weightKg: 70 })
      .expect(201);
    const session = await as('nurse')
      .post('/sessions')
      .send({
        patientId: patient.body.id,
        bay,
        indication: 'depression',
        doseMgPerKg: 0.5,
        ...assignees,
      })
      .expect(201);
    return session.body.id as string;
  }

  /** Readings that raise one alert at once (blood pressure has no delay), stored before returning. */
  async function raiseAlert(sessionId: string, systolic: number): Promise<void> {
    await prepareSession(app, sessionId);
    await as('nurse')
      .post(`/sessions/${sessionId}/vitals`)
      .send({
        samples: [{ at: new Date(Date.now() - 1000).toISOString(), systolic, diastolic: 80 }],
      })
      .expect(202);
    const alerts = app.get(AlertQueries);
    for (let attempt = 0; attempt < 100; attempt += 1) {
      if ((await alerts.list({ sessionId })).length > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no alert was raised on ${sessionId}`);
  }

  async function search(query: string): Promise<string[]> {
    const reply = await as('auditor').get(`/sessions?${query}`).expect(200);
    return (reply.body as Session[]).map((session) => session.id).sort();
  }

  const expectSessions = (...names: Array<keyof typeof ids>) =>
    names.map((name) => ids[name]).sort();

  beforeAll(async () => {
    ({ app } = await startTestApp(await database.create()));
    await seedUsers(app);
    tokens = await tokensByRole(app);
    await as('admin')
      .post('/users')
      .send({
        username: 'nurse.two',
        displayName: 'Nina Second',
        role: 'nurse',
        password: TEST_PASSWORD,
      })
      .expect(201);
    otherNurse = apiAs(app, await login(app, 'nurse.two'));
    const users: UserAccount[] = (await as('admin').get('/users').expect(200)).body;
    const idOf = (username: string) => users.find((user) => user.username === username)!.id;

    ids.ada = await sessionFor('MRN-1001', 'Ada Lovelace', 'S1', {
      assignedNurseId: idOf('nurse'),
      supervisingPhysicianId: idOf('physician'),
    });
    ids.ben = await sessionFor('MRN-2002', 'Ben Franklin', 'S2', {
      assignedNurseId: idOf('nurse.two'),
    });
    ids.cleo = await sessionFor('XYZ-3003', 'Cleo 100%', 'S3');
    await raiseAlert(ids.ada, 185);
    await raiseAlert(ids.ben, 165);
    // nurse.two records an observation on a session assigned to no one…
    await prepareSession(app, ids.cleo);
    await otherNurse
      .post(`/sessions/${ids.cleo}/observations`)
      .send({ type: 'nausea', severity: 'mild' })
      .expect(201);
    // …and only reads Ada's, which does not make it a clinician of hers.
    await otherNurse.get(`/sessions/${ids.ada}`).expect(200);
    // Into recovery, where no missing SpO2 can raise a signal-loss alert of its own meanwhile.
    for (const id of Object.values(ids)) {
      await as('nurse')
        .post(`/sessions/${id}/stop`)
        .send({ reason: 'test ends the infusion' })
        .expect(200);
    }
  });

  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  it('keeps the contract: every session in bay order, in the Session shape, with state and bay filters', async () => {
    const all: Session[] = (await as('auditor').get('/sessions').expect(200)).body;
    expect(all.map((session) => session.bay)).toEqual(['S1', 'S2', 'S3']);
    expect(all[0]).toMatchObject({
      id: ids.ada,
      patient: { initials: 'AL' },
      state: 'recovery',
      latestVitals: { systolic: { value: 185 } },
    });
    expect(await search('bay=S2')).toEqual(expectSessions('ben'));
    expect(await search('state=scheduled')).toEqual([]);
    const later = new Date(Date.now() + 60_000).toISOString();
    expect(await search(`from=${encodeURIComponent(later)}`)).toEqual([]);
    expect(await search(`to=${encodeURIComponent(later)}`)).toEqual(
      expectSessions('ada', 'ben', 'cleo'),
    );
  });

  it('finds a patient by part of the MRN or of the name, in any case, wildcards taken literally', async () => {
    expect(await search('patient=mrn-10')).toEqual(expectSessions('ada'));
    expect(await search('patient=MRN')).toEqual(expectSessions('ada', 'ben'));
    expect(await search('patient=franklin')).toEqual(expectSessions('ben'));
    expect(await search('patient=0%25')).toEqual(expectSessions('cleo'));
    expect(await search('patient=Nobody')).toEqual([]);
  });

  it('finds a clinician as assignee, or by a clinical write in the session’s audit trail, not by a read', async () => {
    expect(await search('clinician=physician')).toEqual(expectSessions('ada'));
    expect(await search('clinician=Nina')).toEqual(expectSessions('ben', 'cleo'));
    expect(await search('clinician=nurse.two')).toEqual(expectSessions('ben', 'cleo'));
    // The seeded nurse scheduled every session and posted the readings.
    expect(await search('clinician=Test%20nurse')).toEqual(expectSessions('ada', 'ben', 'cleo'));
    expect(await search('clinician=auditor')).toEqual([]);
  });

  it('finds sessions that had an alert of a priority, and combines every filter', async () => {
    expect(await search('priority=high')).toEqual(expectSessions('ada'));
    expect(await search('priority=medium')).toEqual(expectSessions('ben'));
    expect(await search('priority=low')).toEqual([]);
    expect(await search('priority=high&clinician=Nina')).toEqual([]);
    expect(await search('patient=mrn&clinician=Nina&state=recovery')).toEqual(
      expectSessions('ben'),
    );
  });

  it('names each bad filter', async () => {
    const reply = await as('auditor')
      .get('/sessions?priority=urgent&patient=a&clinician=')
      .expect(400);
    expect(reply.body.message).toEqual([
      'patient must name a patient (at least 2 characters)',
      'clinician must name a clinician (at least 2 characters)',
      'priority must be one of high, medium, low',
    ]);
  });

  it('leaves one audit entry per search, with its filters, the patient text withheld', async () => {
    const before = (await app.get(AuditService).list({ limit: 5000 })).length;
    await as('auditor')
      .get('/sessions?patient=Lovelace&clinician=physician&priority=high')
      .expect(200);
    // Only the auditor's: the alert sweeps may audit an escalation meanwhile.
    const entries: AuditEntry[] = (await app.get(AuditService).list({ limit: 5000 }))
      .slice(before)
      .filter((entry) => entry.actor === 'auditor');
    expect(entries).toEqual([
      expect.objectContaining({
        actor: 'auditor',
        action: 'sessions.read',
        detail: {
          query: { patient: '(withheld)', clinician: 'physician', priority: 'high' },
          sessionIds: [ids.ada],
        },
      }),
    ]);
    expect(JSON.stringify(entries)).not.toContain('Lovelace');
  });

  it('refuses the search to an admin, who sees no patient data', async () => {
    await as('admin').get('/sessions?patient=MRN').expect(403);
  });
});
