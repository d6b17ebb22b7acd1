import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  chargeShiftRefusal,
  type ChargeNurseInput,
  type Duty,
  type DutyPerson,
} from '@vigil/shared';
import { In, LessThanOrEqual, MoreThan, type DataSource } from 'typeorm';
import { ChargeNurseShiftEntity } from '../alerts/charge-nurse-shift.entity';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/principal';
import { badRequest } from '../common/vigil.exception';
import { toIsoTimestamp } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { ClinicianGateway } from '../realtime/clinician.gateway';
import { UserEntity } from '../users/user.entity';

/** Two handovers at once would leave two charge nurses: they take turns, on any instance. */
const CHARGE_NURSE_LOCK = 704_211_918;

/**
 * Who is charge nurse (the last step of every alert, and the first when a session has no
 * assigned nurse) and who has a live screen. Taking the role ends the current shift at once, so
 * there is one charge nurse at a time and never a gap at a handover.
 */
@Injectable()
export class DutyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
    private readonly realtime: ClinicianGateway,
  ) {}

  async setChargeNurse(actor: Actor, input: ChargeNurseInput): Promise<Duty> {
    const refusal = chargeShiftRefusal(input.until, Date.now());
    if (refusal) throw badRequest('VALIDATION_FAILED', [refusal]);
    const nurse = await this.dataSource.getRepository(UserEntity).findOneBy({ id: input.userId });
    if (!nurse || nurse.disabled || nurse.role !== 'nurse')
      throw badRequest('VALIDATION_FAILED', ['userId must be an enabled nurse']);
    const until = toIsoTimestamp(input.until);
    await this.unitOfWork.runExclusive(CHARGE_NURSE_LOCK, async (manager) => {
      // Read under the lock: a shift begun by the handover just before this one is current too.
      const at = toIsoTimestamp(Date.now());
      const shifts = manager.getRepository(ChargeNurseShiftEntity);
      const current = await shifts.findBy({ endsAt: MoreThan(at) });
      if (current.length)
        await shifts.update({ id: In(current.map(({ id }) => id)) }, { endsAt: at });
      await shifts.insert({
        id: randomUUID(),
        userId: nurse.id,
        startsAt: at,
        endsAt: until,
        assignedBy: actor.actor,
      });
      await this.audit.append(manager, actor, {
        action: 'duty.charge-nurse',
        entity: 'user',
        entityId: nurse.id,
        detail: { until, ended: current.map(({ userId }) => userId) },
      });
    });
    return this.duty();
  }

  async duty(now = Date.now()): Promise<Duty> {
    const at = toIsoTimestamp(now);
    const [shift] = await this.dataSource.getRepository(ChargeNurseShiftEntity).find({
      where: { startsAt: LessThanOrEqual(at), endsAt: MoreThan(at) },
      order: { startsAt: 'DESC' },
      take: 1,
    });
    const onDuty = await this.realtime.onDuty();
    const people = await this.people([...onDuty.map(({ userId }) => userId), shift?.userId]);
    const charge = shift && people.get(shift.userId);
    return {
      chargeNurse: charge ? { ...charge, since: shift.startsAt, until: shift.endsAt } : null,
      onDuty: onDuty.flatMap(({ userId }) => people.get(userId) ?? []),
    };
  }

  private async people(ids: ReadonlyArray<string | undefined>): Promise<Map<string, DutyPerson>> {
    const wanted = [...new Set(ids.filter((id): id is string => id !== undefined))];
    if (!wanted.length) return new Map();
    const users = await this.dataSource.getRepository(UserEntity).findBy({ id: In(wanted) });
    return new Map(
      users.map((user) => [
        user.id,
        {
          userId: user.id,
          username: user.username,
          displayName: user.displayName,
          role: user.role,
        },
      ]),
    );
  }
}
