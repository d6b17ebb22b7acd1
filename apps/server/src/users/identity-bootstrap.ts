import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Role } from '@vigil/shared';
import { actorOf, systemPrincipal } from '../auth/principal';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { UnitOfWork } from '../database/unit-of-work';
import { UsersService } from './users.service';

/** Known passwords, so demo mode is refused in production (see loadConfig). */
const DEMO_USERS: Array<{ username: string; displayName: string; role: Role }> = [
  { username: 'nurse', displayName: 'Demo Nurse', role: 'nurse' },
  { username: 'physician', displayName: 'Demo Physician', role: 'physician' },
  { username: 'auditor', displayName: 'Demo Auditor', role: 'auditor' },
  { username: 'admin', displayName: 'Demo Admin', role: 'admin' },
];
export const DEMO_PASSWORD = 'demo';
/** Replicas start together: one of them bootstraps, the others then find the users there. */
const BOOTSTRAP_LOCK = 704_211_905;

/**
 * First start: VIGIL_ADMIN_PASSWORD creates `admin` when there is no user yet, so a new
 * installation can be administered without demo data. VIGIL_DEMO adds the demo users.
 */
@Injectable()
export class IdentityBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(IdentityBootstrap.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const actor = actorOf(systemPrincipal('bootstrap'));
    const adminPassword = this.config.adminPassword;
    if (adminPassword) {
      const created = await this.unitOfWork.runExclusive(BOOTSTRAP_LOCK, async (manager) =>
        (await this.users.count(manager)) === 0
          ? this.users.ensure(manager, actor, {
              username: 'admin',
              displayName: 'Administrator',
              role: 'admin',
              password: adminPassword,
            })
          : false,
      );
      if (created) this.logger.log('created user admin from VIGIL_ADMIN_PASSWORD');
    }
    if (this.config.demo) {
      await this.unitOfWork.runExclusive(BOOTSTRAP_LOCK, async (manager) => {
        for (const user of DEMO_USERS) {
          await this.users.ensure(manager, actorOf(systemPrincipal('demo')), {
            ...user,
            password: DEMO_PASSWORD,
          });
        }
      });
    }
  }
}
