import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { PatientEntity } from '../src/patients/patient.entity';
import { startTestApp } from './test-app';
import { apiAs, login, seedUsers } from './test-users';

/** The tool itself, plain CommonJS so that `npm run backup` needs no build. */
const backupTool = join(__dirname, '..', '..', '..', 'tools', 'backup', 'sqlite-backup.cjs');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { backupSqlite } = require(backupTool) as {
  backupSqlite(options: { databasePath: string; outDir: string }): Promise<string>;
};

describe('backing up a live SQLite database and restoring it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-backup-'));
  const databasePath = join(dir, 'live', 'vigil.sqlite');

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('copies a consistent database while patients are being registered, and the server starts on the copy with its audit chain whole', async () => {
    const live = await startTestApp({ type: 'sqlite', path: databasePath });
    let backupPath: string;
    let registeredBefore: number;
    try {
      await seedUsers(live.app);
      const nurse = apiAs(live.app, await login(live.app, 'nurse'));
      let writing = true;
      let registered = 0;
      const writer = (async () => {
        while (writing) {
          await nurse
            .post('/patients')
            .send({ mrn: `BK-${registered}`, displayName: 'Backup Patient', weightKg: 70 })
            .expect(201);
          registered += 1;
        }
      })();
      while (registered < 20) await new Promise((resolve) => setTimeout(resolve, 10));
      registeredBefore = registered;
      backupPath = await backupSqlite({ databasePath, outDir: join(dir, 'backups') });
      writing = false;
      await writer;
    } finally {
      await live.app.close();
    }

    const restored = await startTestApp({ type: 'sqlite', path: backupPath });
    try {
      const auditor = apiAs(restored.app, await login(restored.app, 'auditor'));
      const verification = await auditor.get('/audit/verify').expect(200);
      expect(verification.body).toMatchObject({ valid: true });
      const patients = await restored.app.get(DataSource).getRepository(PatientEntity).count();
      expect(patients).toBeGreaterThanOrEqual(registeredBefore);
    } finally {
      await restored.app.close();
    }
  });
});
