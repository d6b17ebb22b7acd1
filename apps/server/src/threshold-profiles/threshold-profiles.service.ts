import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DEFAULT_THRESHOLD_PROFILE,
  type ThresholdProfile,
  type ThresholdProfileInput,
} from '@vigil/shared';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/principal';
import { toIsoTimestamp } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { ThresholdProfileEntity } from './threshold-profile.entity';
import { ParsedJsonCache } from '../common/parsed-json-cache';

/** What a session row says about its limits, from an entity or a raw query. */
export interface SessionLimitsSource {
  thresholdProfileId: string | null;
  limits?: ThresholdProfile | string | null;
}

/** Other instances' changes are picked up this often; this instance's own at once. */
const REFRESH_MS = 5_000;

const { id: DEFAULT_ID, ...DEFAULT_DEFINITION } = DEFAULT_THRESHOLD_PROFILE;

/**
 * Threshold profiles, kept in memory so that evaluating a reading never waits on the database,
 * and stored so that every instance and every restart uses the same ones.
 */
@Injectable()
export class ThresholdProfilesService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ThresholdProfilesService.name);
  private profiles = new Map<string, ThresholdProfile>([[DEFAULT_ID, DEFAULT_THRESHOLD_PROFILE]]);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(ThresholdProfileEntity)
      .values({
        id: DEFAULT_ID,
        definition: DEFAULT_DEFINITION,
        updatedAt: toIsoTimestamp(Date.now()),
        updatedBy: 'system',
      })
      .orIgnore()
      .execute();
    await this.refresh();
    this.timer = setInterval(() => {
      this.refresh().catch((error: unknown) =>
        this.logger.warn(`profile refresh failed: ${String(error)}`),
      );
    }, REFRESH_MS);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** The session's profile, from memory; an unknown id falls back to the default, never to nothing. */
  get(id: string | null | undefined): ThresholdProfile {
    return (
      this.profiles.get(id ?? DEFAULT_ID) ??
      this.profiles.get(DEFAULT_ID) ??
      DEFAULT_THRESHOLD_PROFILE
    );
  }

  /**
   * The limits a session is evaluated, shown and reported by: the snapshot it keeps (taken at its
   * start, changed only by a physician for this session), else its profile as it stands now.
   * Raw queries may pass the stored JSON text as it is.
   */
  limitsFor(session: SessionLimitsSource): ThresholdProfile {
    const { limits } = session;
    if (limits === null || limits === undefined) return this.get(session.thresholdProfileId);
    if (typeof limits === 'string') return storedLimits.get(limits);
    return withDefaultsApplied.has(limits) ? limits : withDefaults(limits.id, limits);
  }

  has(id: string): boolean {
    return this.profiles.has(id);
  }

  list(): ThresholdProfile[] {
    return [...this.profiles.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Creates or replaces a profile; the audit entry keeps both versions. */
  async put(
    actor: Actor,
    id: string,
    definition: ThresholdProfileInput,
  ): Promise<ThresholdProfile> {
    await this.unitOfWork.run(async (manager) => {
      const before = await manager.findOneBy(ThresholdProfileEntity, { id });
      await manager.save(ThresholdProfileEntity, {
        id,
        definition,
        updatedAt: toIsoTimestamp(Date.now()),
        updatedBy: actor.actor,
      });
      await this.audit.append(manager, actor, {
        action: before ? 'threshold-profile.updated' : 'threshold-profile.created',
        entity: 'threshold-profile',
        entityId: id,
        detail: { before: before?.definition ?? null, after: definition },
      });
    });
    const profile = { id, ...definition };
    this.profiles.set(id, profile);
    return profile;
  }

  private async refresh(): Promise<void> {
    const rows = await this.dataSource.getRepository(ThresholdProfileEntity).find();
    this.profiles = new Map(rows.map((row) => [row.id, withDefaults(row.id, row.definition)]));
  }
}

/** Distinct snapshots: sessions started from one profile share one text. */
const storedLimits = new ParsedJsonCache(1_000, parseStoredLimits);

/**
 * Snapshots parsed here, complete already: the rules look a session's limits up with every reading,
 * and need not copy them each time.
 */
const withDefaultsApplied = new WeakSet<ThresholdProfile>();

/** A session's stored limits snapshot, with the defaults of settings added since it was taken. */
export function parseStoredLimits(text: string): ThresholdProfile {
  const snapshot = JSON.parse(text) as ThresholdProfile;
  const limits = withDefaults(snapshot.id, snapshot);
  withDefaultsApplied.add(limits);
  return limits;
}

/**
 * A profile or snapshot stored before a setting existed takes the setting's default (the
 * recovery minimum, say), so no rule or gate ever reads a missing value.
 */
function withDefaults(id: string, stored: Partial<ThresholdProfileInput>): ThresholdProfile {
  return { ...DEFAULT_DEFINITION, ...stored, id };
}
