import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { toIsoTimestamp } from '../database/columns';

/** How often the tallies are written: one audit entry per address per interval at most. */
export const REJECTED_CREDENTIALS_FLUSH_MS = 60_000;
/** Enough accounts and routes to say what was aimed at, bounded however long the attack. */
const MAX_NAMED = 20;

interface Tally {
  from: string;
  count: number;
  reasons: Record<string, number>;
  accounts: Set<string>;
  targets: Set<string>;
}

export interface Rejection {
  /** Why, e.g. `wrong-password`, `unknown-user`, `token: access token expired`, `device-key`. */
  reason: string;
  /** The account aimed at, when it exists. */
  userId?: string | null;
  /** The route or socket a credential was presented to. */
  target?: string;
}

/**
 * Refused credentials from callers nobody has authenticated (wrong passwords, unknown users,
 * forged or expired tokens, unknown device keys) are counted per client address and written as
 * one `auth.failed` entry per address and minute. Written one by one, an anonymous flood took the
 * audit chain's global lock hundreds of times a second, the lock every clinical write needs.
 * Successful logins and every clinical write are still audited one by one, in their transaction.
 */
@Injectable()
export class RejectedCredentials
  implements OnModuleInit, OnModuleDestroy, BeforeApplicationShutdown
{
  private readonly logger = new Logger(RejectedCredentials.name);
  private tallies = new Map<string, Tally>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly audit: AuditService) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), REJECTED_CREDENTIALS_FLUSH_MS);
    this.timer.unref();
  }

  note(address: string | undefined, rejection: Rejection): void {
    const key = address ?? 'unknown';
    let tally = this.tallies.get(key);
    if (!tally) {
      tally = {
        from: toIsoTimestamp(Date.now()),
        count: 0,
        reasons: {},
        accounts: new Set(),
        targets: new Set(),
      };
      this.tallies.set(key, tally);
    }
    tally.count += 1;
    tally.reasons[rejection.reason] = (tally.reasons[rejection.reason] ?? 0) + 1;
    if (rejection.userId && tally.accounts.size < MAX_NAMED) tally.accounts.add(rejection.userId);
    if (rejection.target && tally.targets.size < MAX_NAMED) tally.targets.add(rejection.target);
  }

  /** Writes what has been counted since the last flush: one entry per address. */
  async flush(): Promise<void> {
    const tallies = this.tallies;
    this.tallies = new Map();
    if (tallies.size === 0) return;
    const to = toIsoTimestamp(Date.now());
    try {
      for (const [address, tally] of tallies) {
        await this.audit.record(
          { actorId: null, actor: `anonymous@${address}`, role: 'anonymous' },
          {
            action: 'auth.failed',
            entity: 'user',
            detail: {
              from: tally.from,
              to,
              count: tally.count,
              reasons: tally.reasons,
              userIds: [...tally.accounts],
              targets: [...tally.targets],
            },
          },
        );
      }
    } catch (error) {
      // Never silently: the count is lost, so say so where operators look.
      this.logger.error(`could not audit refused credentials: ${(error as Error).message}`);
    }
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Before the database closes: what was counted since the last minute is written too. */
  beforeApplicationShutdown(): Promise<void> {
    return this.flush();
  }
}
