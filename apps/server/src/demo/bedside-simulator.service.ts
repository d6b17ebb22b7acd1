import {
  HttpException,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  CLEAR_SCREENING,
  DEFAULT_CONCENTRATION_MG_PER_ML,
  type AssessmentInput,
  type DischargeInput,
  infusionElapsedMs,
  type Session,
} from '@vigil/shared';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ketamineBalanceOf } from '../administration/ketamine-record';
import { KetamineService } from '../administration/ketamine.service';
import { actorOf, systemPrincipal } from '../auth/principal';
import { PatientsService } from '../patients/patients.service';
import { SessionEntity } from '../sessions/session.entity';
import { DischargeService } from '../sessions/discharge.service';
import { SessionRecords } from '../sessions/session-records';
import { SessionsService } from '../sessions/sessions.service';
import { DEMO_PASSWORD } from '../users/identity-bootstrap';
import { VitalsIngestService } from '../vitals/vitals-ingest.service';
import { DemoHl7Gateway } from './demo-hl7-gateway';
import {
  DEMO_DOSE_MG_PER_KG,
  DEMO_KETAMINE_LOT,
  DEMO_PLANNED_DURATION_MIN,
  DEMO_RECOVERY_MIN,
  DEMO_START_DELAY_MIN,
  DEMO_WARD,
  DEMO_WITNESS_USERNAME,
  type DemoChair,
  ketamineToDraw,
} from './demo-ward';
import { type Baseline, ketamineEffect, randomBaseline, simulateSample } from './physiology';

/** A demo patient recovered fully, with a named escort: the criteria then rest on the readings. */
const DEMO_DISCHARGE: DischargeInput = {
  aldrete: { activity: 2, respiration: 2, circulation: 2, consciousness: 2, oxygenSaturation: 2 },
  moaas: 5,
  escort: { name: 'Demo escort' },
};

const DESATURATION_MS = 45_000;

function desaturationSpo2(run: ChairRun, now: number): number | null {
  const elapsed = now - run.desaturationFrom;
  if (!run.desaturationFrom || elapsed > DESATURATION_MS) return null;
  return Math.max(82, Math.round(run.baseline.spo2 - (elapsed / 1000) * 2));
}

function demoAssessment(baseline: Baseline): AssessmentInput {
  return {
    baseline: {
      systolic: baseline.systolic,
      diastolic: baseline.diastolic,
      heartRate: baseline.heartRate,
      spo2: baseline.spo2,
      respRate: baseline.respRate,
    },
    checklist: {
      consent: true,
      fasting: true,
      escortHome: true,
      psychiatricEvaluation: true,
      medicationsReviewed: true,
      pregnancyTest: 'not-applicable',
    },
    screening: CLEAR_SCREENING,
  };
}

const TICK_MS = 1_000;
const MIN = 60_000;
/** Non-invasive cuff cycle: monitors measure blood pressure every 3–10 minutes. */
const CUFF_CYCLE_MS = 3 * MIN;
/** Chance per second that a finger probe slips and SpO2 reads falsely low for a few seconds. */
const ARTEFACT_CHANCE = 1 / 900;

interface ChairRun {
  chair: DemoChair;
  baseline: Baseline;
  lastCuffAt: number;
  artefactUntil: number;
  artefactSpo2: number;
  /** A desaturation episode asked for from the demo controls: when it began, or 0. */
  desaturationFrom: number;
}

/**
 * The demo ward's bedside monitors: six chairs moving through real sessions (assessed, infusing,
 * recovery, discharge, next patient) and sending readings through the same ingest as devices.
 */
@Injectable()
export class BedsideSimulator implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(BedsideSimulator.name);
  private readonly runs = new Map<string, ChairRun>();
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;
  private patientCounter = 0;
  private readonly actor = actorOf(systemPrincipal('simulator'));
  /** One simulated monitor per chair, each its own source of readings. */
  private readonly monitors = new Map(
    DEMO_WARD.map((chair) => [chair.bay, systemPrincipal(`monitor-bay-${chair.bay}`)]),
  );

  constructor(
    private readonly patients: PatientsService,
    private readonly sessions: SessionsService,
    private readonly records: SessionRecords,
    private readonly discharges: DischargeService,
    private readonly ingest: VitalsIngestService,
    private readonly hl7Gateway: DemoHl7Gateway,
    private readonly ketamine: KetamineService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const chair of DEMO_WARD) {
      const run: ChairRun = {
        chair,
        baseline: randomBaseline(Math.random),
        lastCuffAt: 0,
        artefactUntil: 0,
        artefactSpo2: 0,
        desaturationFrom: 0,
      };
      this.runs.set(chair.bay, run);
      const live = (await this.records.liveEntities()).find((session) => session.bay === chair.bay);
      // After a restart, the chair's patient keeps the baseline the assessment recorded.
      if (live?.assessment) run.baseline = { ...run.baseline, ...live.assessment.baseline };
      if (!live)
        await this.openChair(chair, run.baseline, chair.opening.state, chair.opening.minutesAgo);
    }
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.logger.log(`bedside simulator running ${DEMO_WARD.length} chairs`);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async openChair(
    chair: DemoChair,
    baseline: Baseline,
    state: DemoChair['opening']['state'],
    minutesAgo: number,
  ): Promise<Session> {
    this.patientCounter += 1;
    const patient = await this.patients.create(this.actor, {
      ...chair.patient,
      mrn: `${chair.patient.mrn}-${Date.now().toString(36)}${this.patientCounter}`,
    });
    const start = Date.now() - minutesAgo * MIN;
    // A chair already infusing was scheduled and assessed before its start, as on a real ward; one
    // that opens assessed waits its full delay from now.
    const lead = state === 'assessed' ? 0 : DEMO_START_DELAY_MIN * MIN;
    let session = await this.sessions.create(
      this.actor,
      {
        patientId: patient.id,
        bay: chair.bay,
        indication: chair.indication,
        doseMgPerKg: DEMO_DOSE_MG_PER_KG,
        plannedDurationMin: DEMO_PLANNED_DURATION_MIN,
        concentrationMgPerMl: DEFAULT_CONCENTRATION_MG_PER_ML,
      },
      start - lead,
    );
    session = await this.sessions.assess(
      this.actor,
      session.id,
      demoAssessment(baseline),
      start - lead / 2,
    );
    if (state === 'assessed') return session;
    // The start needs a recent reading: the monitor attached before it, at the start's time.
    await this.ingest.ingest(this.monitors.get(chair.bay)!, session.id, {
      samples: [
        {
          at: new Date(start).toISOString(),
          systolic: baseline.systolic,
          diastolic: baseline.diastolic,
          heartRate: baseline.heartRate,
          spo2: baseline.spo2,
          respRate: baseline.respRate,
        },
      ],
    });
    await this.drawKetamine(session);
    session = await this.sessions.start(this.actor, session.id, start);
    if (state === 'infusing') return session;
    session = await this.sessions.stop(this.actor, session.id, {
      at: start + DEMO_PLANNED_DURATION_MIN * MIN,
    });
    await this.wasteTheRest(session.id);
    return session;
  }

  /** Drawn up before the start, from a whole vial: more than the order, as on a real ward. */
  private async drawKetamine(session: Pick<Session, 'id' | 'totalDoseMg'>): Promise<void> {
    await this.ketamine.draw(this.actor, session.id, {
      mg: ketamineToDraw(session.totalDoseMg),
      lot: DEMO_KETAMINE_LOT,
    });
  }

  /**
   * What was drawn and not given is wasted, witnessed by a demo physician signing with their own
   * password, so the balance closes and the discharge can follow. Asked again before the discharge,
   * so a restart between the stop and the waste does not hold the chair forever.
   */
  private async wasteTheRest(sessionId: string): Promise<void> {
    const session = await this.records.toSession(await this.records.getEntity(sessionId));
    const balance = await ketamineBalanceOf(
      this.dataSource.manager,
      sessionId,
      session.deliveredMg,
    );
    // More given than drawn cannot be wasted away: the record shows it for a person to explain.
    if (balance.closed || balance.balanceMg < 0) return;
    await this.ketamine.waste(
      this.actor,
      sessionId,
      {
        mg: balance.balanceMg,
        witness: { username: DEMO_WITNESS_USERNAME, password: DEMO_PASSWORD },
      },
      undefined,
    );
  }

  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const live = await this.records.liveEntities();
      await Promise.all(
        [...this.runs.values()].map(async (run) => {
          const session = live.find((candidate) => candidate.bay === run.chair.bay);
          if (!session) {
            run.baseline = randomBaseline(Math.random);
            await this.openChair(run.chair, run.baseline, 'assessed', 0);
            return;
          }
          if (await this.advance(session)) return;
          await this.sendReading(run, session);
        }),
      );
    } catch (error) {
      this.logger.warn(`simulator tick failed: ${(error as Error).message}`);
    } finally {
      this.ticking = false;
    }
  }

  /** Moves the chair's session along its protocol; true when it changed state this tick. */
  private async advance(session: SessionEntity): Promise<boolean> {
    const now = Date.now();
    if (
      session.state === 'assessed' &&
      now - Date.parse(session.createdAt) >= DEMO_START_DELAY_MIN * MIN
    ) {
      await this.drawKetamine(await this.records.toSession(session));
      await this.sessions.start(this.actor, session.id);
      return true;
    }
    if (
      session.state === 'infusing' &&
      infusionElapsedMs(session, now) >= session.plannedDurationMin * MIN
    ) {
      await this.sessions.stop(this.actor, session.id);
      await this.wasteTheRest(session.id);
      return true;
    }
    if (
      session.state === 'recovery' &&
      session.endedAt &&
      now - Date.parse(session.endedAt) >= DEMO_RECOVERY_MIN * MIN
    ) {
      await this.wasteTheRest(session.id);
      // Refused while the vitals are not yet back near baseline: tried again next tick.
      await this.discharges
        .discharge(this.actor, session.id, DEMO_DISCHARGE)
        .catch((error: unknown) => {
          if (!(error instanceof HttpException && error.getStatus() === 409)) throw error;
        });
      return true;
    }
    return false;
  }

  /**
   * Demo control: the chair's patient desaturates (respiratory depression) — SpO2 falls about
   * 2 points a second to 82 % and stays there for 40 s — so the ward shows a real alarm.
   */
  desaturate(bay: string): boolean {
    const run = this.runs.get(bay);
    if (!run) return false;
    run.desaturationFrom = Date.now();
    return true;
  }

  private async sendReading(run: ChairRun, session: SessionEntity): Promise<void> {
    const now = Date.now();
    const infusionMs = infusionElapsedMs(session, now);
    const recoveryMs = session.endedAt ? now - Date.parse(session.endedAt) : 0;
    if (now >= run.artefactUntil && Math.random() < ARTEFACT_CHANCE) {
      run.artefactUntil = now + 4_000 + Math.random() * 6_000;
      // Dips to 86–91 %: a moving finger, shorter than the SpO2 delay, so no alarm is raised.
      run.artefactSpo2 = Math.round(86 + Math.random() * 5);
    }
    const withBloodPressure = now - run.lastCuffAt >= CUFF_CYCLE_MS;
    if (withBloodPressure) run.lastCuffAt = now;
    const sample = simulateSample(
      {
        baseline: run.baseline,
        effect: ketamineEffect(session.state, infusionMs, recoveryMs),
        at: now,
        // Seconds since the epoch: increasing across restarts, so a restarted demo never collides.
        seq: Math.floor(now / 1000),
        withBloodPressure,
        artefactSpo2:
          desaturationSpo2(run, now) ?? (now < run.artefactUntil ? run.artefactSpo2 : null),
      },
      Math.random,
    );
    if (run.chair.viaHl7 && this.hl7Gateway.enabled) {
      await this.hl7Gateway.send(run.chair.bay, sample);
      return;
    }
    await this.ingest.ingest(this.monitors.get(run.chair.bay)!, session.id, { samples: [sample] });
  }
}
