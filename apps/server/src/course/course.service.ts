import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ALERT_PRIORITIES,
  infusionDate,
  needsCloserBloodPressureWatch,
  numberCourse,
  type AlertPriority,
  type CourseInfusion,
  type Outcome,
  type SideEffectCode,
  type TreatmentCourse,
} from '@vigil/shared';
import { In, type DataSource } from 'typeorm';
import { pumpEventsBySession } from '../administration/pump-record';
import { AlertEntity } from '../alerts/alert.entity';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/principal';
import { notFound } from '../common/vigil.exception';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { toIsoTimestamp } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { ObservationEntity } from '../observations/observation.entity';
import { OutcomeEntity } from '../outcomes/outcome.entity';
import { toOutcome } from '../outcomes/outcomes.service';
import { PatientEntity } from '../patients/patient.entity';
import { SessionEntity } from '../sessions/session.entity';
import { VitalSampleEntity } from '../vitals/vital-sample.entity';
import { renderCourseReport } from './course-report.pdf';
import { PlannedCourseEntity } from './planned-course.entity';
import { recordedDeliveredMg } from './recorded-delivered-mg';

interface Peaks {
  peakSystolic: number | null;
  peakDiastolic: number | null;
  peakHeartRate: number | null;
  minSpo2: number | null;
}

const NO_PEAKS: Peaks = {
  peakSystolic: null,
  peakDiastolic: null,
  peakHeartRate: null,
  minSpo2: null,
};

interface Scores {
  sideEffects: SideEffectCode[];
  maxCadss: number | null;
  maxCadss6: number | null;
  minMoaas: number | null;
}

/** A patient's series of infusions side by side, with what each showed and what it achieved. */
@Injectable()
export class CourseService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async course(actor: Actor, patientId: string): Promise<TreatmentCourse> {
    const { course } = await this.read(actor, patientId, 'json');
    return course;
  }

  /** The course as a PDF for the referring clinician: an audited read like the JSON. */
  async pdf(actor: Actor, patientId: string): Promise<Buffer> {
    const { patient, course } = await this.read(actor, patientId, 'pdf');
    return renderCourseReport(
      { patient, course },
      { generatedAt: new Date(), timeZone: this.config.timeZone },
    );
  }

  private async read(
    actor: Actor,
    patientId: string,
    format: 'json' | 'pdf',
  ): Promise<{ patient: PatientEntity; course: TreatmentCourse }> {
    const patient = await this.patient(patientId);
    const [sessions, planned] = await Promise.all([
      this.dataSource.getRepository(SessionEntity).findBy({ patientId }),
      this.dataSource.getRepository(PlannedCourseEntity).findOneBy({ patientId }),
    ]);
    const numbered = numberCourse(sessions);
    const ids = numbered.map(({ session }) => session.id);
    const [peaks, alerts, scores, outcomes, pumpRecords] = await Promise.all([
      this.peaks(ids),
      this.alertCounts(ids),
      this.scores(ids),
      this.outcomes(ids),
      pumpEventsBySession(this.dataSource.manager, ids),
    ]);
    const now = Date.now();
    const infusions: CourseInfusion[] = numbered.map(({ session, number }) => ({
      sessionId: session.id,
      number,
      date: infusionDate(session),
      state: session.state,
      doseMgPerKg: session.doseMgPerKg,
      ...recordedDeliveredMg(session, patient.weightKg, pumpRecords.get(session.id), now),
      ...(peaks.get(session.id) ?? NO_PEAKS),
      alerts: alerts.get(session.id) ?? { high: 0, medium: 0, low: 0 },
      ...(scores.get(session.id) ?? {
        sideEffects: [],
        maxCadss: null,
        maxCadss6: null,
        minMoaas: null,
      }),
      outcomes: outcomes.get(session.id) ?? [],
      closerBloodPressureWatch: needsCloserBloodPressureWatch(number),
    }));
    await this.audit.record(actor, {
      action: 'course.read',
      entity: 'patient',
      entityId: patientId,
      detail: { sessionIds: ids, format },
    });
    return {
      patient,
      course: {
        patientId,
        ...(planned && { plannedInfusions: planned.plannedInfusions }),
        infusions,
      },
    };
  }

  async plan(
    actor: Actor,
    patientId: string,
    plannedInfusions: number,
  ): Promise<{ patientId: string; plannedInfusions: number }> {
    await this.patient(patientId);
    await this.unitOfWork.run(async (manager) => {
      const before = await manager.findOneBy(PlannedCourseEntity, { patientId });
      await manager.save(PlannedCourseEntity, {
        patientId,
        plannedInfusions,
        plannedAt: toIsoTimestamp(Date.now()),
        plannedBy: actor.actor,
      });
      await this.audit.append(manager, actor, {
        action: 'course.planned',
        entity: 'patient',
        entityId: patientId,
        detail: { plannedInfusions, before: before?.plannedInfusions ?? null },
      });
    });
    return { patientId, plannedInfusions };
  }

  private async patient(patientId: string): Promise<PatientEntity> {
    const patient = await this.dataSource.getRepository(PatientEntity).findOneBy({ id: patientId });
    if (!patient) throw notFound(`patient ${patientId} not found`);
    return patient;
  }

  private async peaks(ids: string[]): Promise<Map<string, Peaks>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(VitalSampleEntity)
      .createQueryBuilder('sample')
      .select('sample.sessionId', 'sessionId')
      .addSelect('MAX(sample.systolic)', 'peakSystolic')
      .addSelect('MAX(sample.diastolic)', 'peakDiastolic')
      .addSelect('MAX(sample.heartRate)', 'peakHeartRate')
      .addSelect('MIN(sample.spo2)', 'minSpo2')
      .where('sample.sessionId IN (:...ids)', { ids })
      .groupBy('sample.sessionId')
      .getRawMany<Record<keyof Peaks | 'sessionId', string | number | null>>();
    const number = (value: string | number | null) => (value === null ? null : Number(value));
    return new Map(
      rows.map((row) => [
        String(row.sessionId),
        {
          peakSystolic: number(row.peakSystolic),
          peakDiastolic: number(row.peakDiastolic),
          peakHeartRate: number(row.peakHeartRate),
          minSpo2: number(row.minSpo2),
        },
      ]),
    );
  }

  private async alertCounts(ids: string[]): Promise<Map<string, Record<AlertPriority, number>>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(AlertEntity)
      .createQueryBuilder('alert')
      .select('alert.sessionId', 'sessionId')
      .addSelect('alert.priority', 'priority')
      .addSelect('COUNT(*)', 'count')
      .where('alert.sessionId IN (:...ids)', { ids })
      .groupBy('alert.sessionId')
      .addGroupBy('alert.priority')
      .getRawMany<{ sessionId: string; priority: AlertPriority; count: string | number }>();
    const counts = new Map<string, Record<AlertPriority, number>>();
    for (const row of rows) {
      const entry =
        counts.get(row.sessionId) ??
        (Object.fromEntries(ALERT_PRIORITIES.map((priority) => [priority, 0])) as Record<
          AlertPriority,
          number
        >);
      entry[row.priority] = Number(row.count);
      counts.set(row.sessionId, entry);
    }
    return counts;
  }

  private async scores(ids: string[]): Promise<Map<string, Scores>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(ObservationEntity)
      .find({ where: { sessionId: In(ids) }, order: { at: 'ASC' } });
    const scores = new Map<string, Scores>();
    const highest = (a: number | null, b: number | undefined) =>
      b === undefined ? a : a === null ? b : Math.max(a, b);
    const lowest = (a: number | null, b: number | undefined) =>
      b === undefined ? a : a === null ? b : Math.min(a, b);
    for (const row of rows) {
      const entry = scores.get(row.sessionId) ?? {
        sideEffects: [],
        maxCadss: null,
        maxCadss6: null,
        minMoaas: null,
      };
      if (!entry.sideEffects.includes(row.type)) entry.sideEffects.push(row.type);
      entry.maxCadss = highest(entry.maxCadss, row.scores?.cadss);
      entry.maxCadss6 = highest(entry.maxCadss6, row.scores?.cadss6);
      entry.minMoaas = lowest(entry.minMoaas, row.scores?.moaas);
      scores.set(row.sessionId, entry);
    }
    return scores;
  }

  private async outcomes(ids: string[]): Promise<Map<string, Outcome[]>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(OutcomeEntity)
      .find({ where: { sessionId: In(ids) }, order: { at: 'ASC', id: 'ASC' } });
    const outcomes = new Map<string, Outcome[]>();
    for (const row of rows) {
      outcomes.set(row.sessionId, [...(outcomes.get(row.sessionId) ?? []), toOutcome(row)]);
    }
    return outcomes;
  }
}
