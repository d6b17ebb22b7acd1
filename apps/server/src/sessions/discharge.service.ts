import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ALERT_PRIORITIES,
  dischargeCriteria,
  dischargeReadiness,
  KETAMINE_NONE_DRAWN,
  startedBeforePumpRecord,
  type DischargeCriterion,
  type DischargeFacts,
  type DischargeInput,
  type DischargeReadiness,
  type Session,
} from '@vigil/shared';
import type { DataSource } from 'typeorm';
import { ketamineBalanceOf } from '../administration/ketamine-record';
import { AlertQueries } from '../alerts/alert-queries';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/principal';
import { conflict } from '../common/vigil.exception';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { createFollowUpsIn } from '../follow-ups/follow-ups-at-discharge';
import { ThresholdProfilesService } from '../threshold-profiles/threshold-profiles.service';
import { VitalSamplesRepository } from '../vitals/vital-samples.repository';
import type { SessionEntity } from './session.entity';
import { SessionRecords } from './session-records';
import { SessionsService } from './sessions.service';

/**
 * The discharge gate and the live checklist judge by one shared function (`dischargeCriteria`),
 * on facts read now: the readings of the last five minutes, the time in recovery against the
 * limits in force, and every open alert.
 */
@Injectable()
export class DischargeService {
  constructor(
    private readonly sessions: SessionsService,
    private readonly records: SessionRecords,
    private readonly vitals: VitalSamplesRepository,
    private readonly alerts: AlertQueries,
    private readonly profiles: ThresholdProfilesService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async readiness(actor: Actor, id: string): Promise<DischargeReadiness> {
    const session = await this.records.getEntity(id);
    const readiness = dischargeReadiness(null, await this.facts(session), Date.now());
    await this.audit.record(actor, {
      action: 'session.discharge-readiness.read',
      entity: 'session',
      entityId: id,
      sessionId: id,
    });
    return readiness;
  }

  async discharge(actor: Actor, id: string, input: DischargeInput): Promise<Session> {
    const facts = await this.facts(await this.records.getEntity(id));
    return this.sessions.transition(actor, id, 'discharge', {
      detail: { ...input },
      gate: (_session, at) => {
        const criteria = dischargeCriteria(input, facts, at);
        const unmet = criteria.filter((criterion) => !criterion.met);
        if (unmet.length > 0) {
          throw conflict('DISCHARGE_CRITERIA_UNMET', unmet.map(describeUnmet), { criteria });
        }
      },
      // The patient goes home with the next-day call and the therapy appointment booked.
      alsoWrite: (manager, now) =>
        createFollowUpsIn(manager, this.audit, actor, id, now, this.config.timeZone),
    });
  }

  private async facts(session: SessionEntity): Promise<DischargeFacts> {
    const [latest, openCounts, { deliveredMg, startedAt, pumpEvents }] = await Promise.all([
      this.vitals.latestBySession([session.id]),
      Promise.all(ALERT_PRIORITIES.map((priority) => this.alerts.countOpen(session.id, priority))),
      this.records.toSession(session),
    ]);
    return {
      baseline: session.assessment?.baseline ?? null,
      latest: latest.get(session.id) ?? {},
      recoveryStartedAt: session.state === 'recovery' ? session.endedAt : null,
      recoveryMinimumMin: this.profiles.limitsFor(session).recoveryMinimumMin,
      openAlerts: openCounts.reduce((sum, count) => sum + count, 0),
      ketamine: await ketamineBalanceOf(this.dataSource.manager, session.id, deliveredMg),
      startedBeforeAdministrationRecord: startedBeforePumpRecord({ startedAt, pumpEvents }),
    };
  }
}

/** The refusal's message for people and logs; programs read `details.criteria`. */
function describeUnmet({ code, value, limit }: DischargeCriterion): string {
  const shown = value === undefined ? 'none' : String(value);
  switch (code) {
    case 'ALDRETE_TOTAL':
      return `modified Aldrete total ${shown}, needs ≥ ${String(limit)}`;
    case 'MOAAS':
      return `MOAA/S ${shown}, needs ${String(limit)}`;
    case 'RECOVERY_TIME':
      return `recovery ${shown} of ${String(limit)} minutes`;
    case 'RECENT_SPO2':
      return 'no SpO2 reading in the last 5 minutes';
    case 'RECENT_BLOOD_PRESSURE':
      return 'no blood pressure reading in the last 5 minutes';
    case 'RECENT_HEART_RATE':
      return 'no heart-rate reading in the last 5 minutes';
    case 'SPO2_LEVEL':
      return `SpO2 ${shown}, needs ≥ ${String(limit)}`;
    case 'BLOOD_PRESSURE_BASELINE':
      return `blood pressure ${shown} is more than 20 % from baseline ${String(limit ?? 'none')}`;
    case 'HEART_RATE_BASELINE':
      return `heart rate ${shown} is more than 20 % from baseline ${String(limit ?? 'none')}`;
    case 'OPEN_ALERTS':
      return `${shown} alert(s) still open`;
    case 'ESCORT':
      return 'no escort named';
    case 'KETAMINE_BALANCE':
      if (value === KETAMINE_NONE_DRAWN) {
        return 'ketamine given but no draw recorded: record the draw and the waste, witnessed';
      }
      return `ketamine drawn, given and wasted differ by ${shown}: record the waste, witnessed`;
  }
}
