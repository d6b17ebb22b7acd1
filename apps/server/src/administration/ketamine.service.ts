import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CLINICAL_ROLES,
  isLiveSession,
  type KetamineBalance,
  type KetamineEntry,
} from '@vigil/shared';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthService } from '../auth/auth.service';
import type { Actor } from '../auth/principal';
import { conflict, forbidden } from '../common/vigil.exception';
import { toIsoTimestamp } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { SessionRecords } from '../sessions/session-records';
import type { KetamineDrawDto, KetamineWasteDto } from './dto/administration.dto';
import { KetamineEntryEntity } from './ketamine-entry.entity';
import { ketamineBalanceOf, ketamineEntriesOf, toKetamineEntry } from './ketamine-record';

export interface KetamineRecord {
  entries: KetamineEntry[];
  balance: KetamineBalance;
}

/**
 * Ketamine is a controlled substance (schedule III): what is drawn, from which lot, and what is
 * wasted, witnessed by a second clinician who signs with their own password. The pump record says
 * what was given; the balance must close before discharge.
 */
@Injectable()
export class KetamineService {
  constructor(
    private readonly sessions: SessionRecords,
    private readonly auth: AuthService,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async draw(actor: Actor, sessionId: string, input: KetamineDrawDto): Promise<KetamineEntry> {
    await this.requireOpenSession(sessionId);
    const entity = this.entry(actor, sessionId, { kind: 'drawn', mg: input.mg, lot: input.lot });
    await this.unitOfWork.run(async (manager) => {
      await manager.insert(KetamineEntryEntity, entity);
      await this.audit.append(manager, actor, {
        action: 'ketamine.drawn',
        entity: 'ketamine-entry',
        entityId: entity.id,
        sessionId,
        detail: { mg: entity.mg, lot: entity.lot, at: entity.at },
      });
    });
    return toKetamineEntry(entity);
  }

  /** The witness is another enabled nurse or physician who proves it with their own password. */
  async waste(
    actor: Actor,
    sessionId: string,
    input: KetamineWasteDto,
    ip: string | undefined,
  ): Promise<KetamineEntry> {
    await this.requireOpenSession(sessionId);
    const witness = await this.auth.verifyWitness(input.witness, ip);
    if (witness.id === actor.actorId || !CLINICAL_ROLES.includes(witness.role)) {
      await this.audit.record(actor, {
        action: 'access.denied',
        entity: 'ketamine-entry',
        sessionId,
        detail: { reason: 'witness-not-second-clinician', witness: witness.username },
      });
      throw forbidden(
        'WITNESS_NOT_SECOND_CLINICIAN',
        'the waste is witnessed by a second nurse or physician, not by the one recording it',
      );
    }
    const entity = {
      ...this.entry(actor, sessionId, { kind: 'wasted', mg: input.mg, lot: null }),
      witnessedBy: witness.username,
    };
    await this.unitOfWork.run(async (manager) => {
      await manager.insert(KetamineEntryEntity, entity);
      await this.audit.append(manager, actor, {
        action: 'ketamine.wasted',
        entity: 'ketamine-entry',
        entityId: entity.id,
        sessionId,
        detail: {
          mg: entity.mg,
          at: entity.at,
          recordedBy: actor.actor,
          witnessedBy: witness.username,
        },
      });
    });
    return toKetamineEntry(entity);
  }

  async record(actor: Actor, sessionId: string): Promise<KetamineRecord> {
    const session = await this.sessions.toSession(await this.sessions.getEntity(sessionId));
    const manager = this.dataSource.manager;
    const [entries, balance] = await Promise.all([
      ketamineEntriesOf(manager, sessionId),
      ketamineBalanceOf(manager, sessionId, session.deliveredMg),
    ]);
    await this.audit.record(actor, {
      action: 'ketamine.read',
      entity: 'session',
      entityId: sessionId,
      sessionId,
    });
    return { entries, balance };
  }

  /** A record is kept while the patient is in the clinic's care, up to the discharge. */
  private async requireOpenSession(sessionId: string): Promise<void> {
    const session = await this.sessions.getEntity(sessionId);
    if (session.state !== 'scheduled' && !isLiveSession(session.state)) {
      throw conflict(
        'SESSION_STATE_CONFLICT',
        `the controlled-substance record of a ${session.state} session is closed`,
        { state: session.state },
      );
    }
  }

  private entry(
    actor: Actor,
    sessionId: string,
    fields: Pick<KetamineEntryEntity, 'kind' | 'mg' | 'lot'>,
  ): KetamineEntryEntity {
    return {
      id: randomUUID(),
      sessionId,
      ...fields,
      at: toIsoTimestamp(Date.now()),
      recordedBy: actor.actor,
      witnessedBy: null,
    };
  }
}
