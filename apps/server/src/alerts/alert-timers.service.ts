import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  bloodPressureDueS,
  bpOverdueMessage,
  shownSilence,
  signalLossMessage,
  silentSigns,
  decideAlert,
  escalationDueMs,
  silencedBySuspend,
  TOP_ESCALATION_LEVEL,
  type AlertCommand,
  type EscalationLevel,
  type PressureReading,
  type SessionState,
  type ThresholdProfile,
} from '@vigil/shared';
import type { DataSource } from 'typeorm';
import { actorOf, systemPrincipal } from '../auth/principal';
import { toIsoTimestamp } from '../database/columns';
import { RedisConnection } from '../redis/redis.module';
import { ThresholdProfilesService } from '../threshold-profiles/threshold-profiles.service';
import { AlarmSuspends } from './alarm-suspends';
import type { AlertEntity } from './alert.entity';
import { toAlert } from './alert.mapper';
import { AlertQueries } from './alert-queries';
import { AlertRouting } from './alert-routing';
import { AlertWriter } from './alert-writer';
import { PhysiologicalAlerts } from './physiological-alerts';
import { later, SignalArrivals } from './signal-arrivals';
import {
  SessionSettingsByRevision,
  type SessionSettings,
  type StoredSettingsRow,
  withSettings,
} from '../sessions/session-settings';
import { forEachInSlices } from '../common/in-slices';
import { UnitOfWork } from '../database/unit-of-work';

const SWEEP_MS = 1_000;
/** Chairs judged between two turns of the event loop: a large ward's sweep never holds it long. */
const SWEEP_SLICE = 100;
const SWEEP_LEASE_KEY = 'alert-sweep:lease';

/**
 * Everything about alerts that happens with time rather than with a reading: escalation step by
 * step (and the routing of each step), reminders, SIGNAL_LOSS and BP_OVERDUE. Each change is a command through AlertWriter, decided on
 * the alert as locked in its transaction and written on its revision, so with several instances
 * sweeping, each escalation or reminder still happens exactly once, and it survives a restart
 * because its clock is the alert's own stored times.
 */
@Injectable()
export class AlertTimers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AlertTimers.name);
  private readonly system = actorOf(systemPrincipal('alert-timers'));
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;
  /**
   * Readings sent while this instance was down never arrived here: after a (re)start, devices get
   * the full limit to resume before their silence counts.
   */
  private readonly watchingSince = Date.now();
  /** The live sessions' settings, kept from sweep to sweep while their revision stands. */
  private readonly settings = new SessionSettingsByRevision(Number.POSITIVE_INFINITY);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly writer: AlertWriter,
    private readonly queries: AlertQueries,
    private readonly physiological: PhysiologicalAlerts,
    private readonly profiles: ThresholdProfilesService,
    private readonly redis: RedisConnection,
    private readonly routing: AlertRouting,
    private readonly suspends: AlarmSuspends,
    private readonly arrivals: SignalArrivals,
  ) {}

  onApplicationBootstrap(): void {
    // A tick that finds the last sweep still running skips: the next one a second later catches up.
    this.timer = setInterval(() => {
      if (!this.sweeping) void this.sweep();
    }, SWEEP_MS);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One sweep at a time: a sweep asked for while another runs waits for it, then runs. */
  async sweep(now = Date.now()): Promise<void> {
    while (this.sweeping) await this.sweeping;
    this.sweeping = this.sweepOnce(now).finally(() => {
      this.sweeping = null;
    });
    return this.sweeping;
  }

  private async sweepOnce(now: number): Promise<void> {
    try {
      if (!(await this.holdsSweepLease(now))) return;
      const open = await this.queries.open();
      const sessions = await this.liveSessions();
      const live = new Set(sessions.map(({ row }) => row.id));
      this.arrivals.keepOnly(live);
      this.settings.keepOnly(live);
      const limits = new Map(
        sessions.map(({ row, settings }) => [
          row.id,
          this.profiles.limitsFor({
            thresholdProfileId: row.thresholdProfileId,
            limits: settings.limits,
          }),
        ]),
      );
      const at = toIsoTimestamp(now);
      const suspends = await this.suspends.inForce(open, now);
      const sounding: AlertEntity[] = [];
      for (const alert of open) {
        const profile = limits.get(alert.sessionId);
        // Ending a session resolves its alerts in the same transaction; this only catches one
        // that slipped past that, so that it never sounds for an empty chair.
        if (!profile) {
          await this.change(alert, { type: 'resolve', at, reason: 'session-ended' });
          this.physiological.forgetSession(alert.sessionId);
        } else if (alert.state === 'active') {
          // A suspended alarm neither escalates nor sounds; its escalation clock runs on from
          // its raise, so one still sounding when the suspend ends escalates as it would have.
          if (silencedBySuspend(suspends.get(alert.bay), alert, now)) continue;
          await this.escalate(alert, profile, at);
          sounding.push(alert);
        } else {
          await this.change(alert, { type: 'remind', at, everyMs: profile.reminderMin * 60_000 });
        }
      }
      await this.routing.routeAllLogged(sounding, now);
      this.routing.forgetAllBut(
        new Set(open.filter((alert) => alert.state === 'active').map((alert) => alert.id)),
      );
      await this.watchSignals(
        now,
        sessions,
        limits,
        new Map(open.map((alert) => [openKey(alert.sessionId, alert.code), alert])),
      );
    } catch (error) {
      this.logger.error(
        `alert sweep failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /**
   * With several instances, one sweeps each second: a Redis lease that expires before the next
   * tick. The sweeps' writes are conditional anyway, so if Redis is unreachable every instance
   * sweeps and each change still happens once; the lease saves the others the work.
   */
  private async holdsSweepLease(now: number): Promise<boolean> {
    if (!this.redis.enabled) return true;
    try {
      const client = await this.redis.connect();
      const taken = await client?.set(this.redis.key(SWEEP_LEASE_KEY), String(now), {
        condition: 'NX',
        expiration: { type: 'PX', value: SWEEP_MS - 100 },
      });
      return taken === 'OK';
    } catch {
      return true;
    }
  }

  /**
   * Every live session (assessed to recovery) with its receipt times and its settings, in one
   * query a sweep (and one more for the sessions whose settings changed): the alerts of any other
   * session are left over from its end.
   */
  private async liveSessions(): Promise<WatchedSession[]> {
    // Off the event loop: at 2,500 chairs this read held it 10–16 ms every second.
    const rows = await this.unitOfWork.readOffTheEventLoop<WatchedRow[]>(this.watchedSql(''));
    // Each row stays beside its settings rather than merged with them into one more object per
    // session: those lived through the sweep's slices, so every second all were promoted.
    return withSettings(rows, this.settings, (ids) =>
      this.unitOfWork.readOffTheEventLoop<Array<WatchedRow & StoredSettingsRow>>(
        this.watchedSql(', s.limits, s.assessment', ids.length),
        ids,
      ),
    );
  }

  /** The live sessions with their receipt times, and these columns; of these ids only, if given. */
  private watchedSql(columns: string, ids = 0): string {
    const postgres = this.dataSource.options.type === 'postgres';
    const placeholders = Array.from({ length: ids }, (_, index) =>
      postgres ? `$${index + 1}` : '?',
    );
    return `SELECT s.id, s.bay, s.state, s.started_at AS "startedAt", s.revision,
              s.threshold_profile_id AS "thresholdProfileId",
              r.spo2_received_at AS "spo2At", r.heart_rate_received_at AS "heartRateAt",
              r.pressure_received_at AS "pressureAt", r.pressure_systolic AS "pressureSystolic",
              r.pressure_diastolic AS "pressureDiastolic"${columns}
       FROM infusion_session s LEFT JOIN vital_receipt r ON r.session_id = s.id
       WHERE s.state IN ('assessed', 'infusing', 'paused', 'recovery')${
         ids > 0 ? ` AND s.id IN (${placeholders.join(', ')})` : ''
       }`;
  }

  /**
   * One step up when its time has come (the routing of the new step follows its publication);
   * low alerts stay with the nurse.
   */
  private async escalate(alert: AlertEntity, profile: ThresholdProfile, at: string): Promise<void> {
    const level = alert.escalationLevel + 1;
    if (level > TOP_ESCALATION_LEVEL) return;
    const afterMs = escalationDueMs(profile, alert.priority, level as EscalationLevel);
    if (afterMs !== null) await this.change(alert, { type: 'escalate', at, afterMs, level });
  }

  /** Written only when the shared decider, judging the alert as read, finds the change due. */
  private async change(alert: AlertEntity, command: AlertCommand): Promise<void> {
    if (decideAlert(toAlert(alert), command).outcome === 'refused') return;
    await this.writer.command(this.system, alert.id, command);
  }

  /**
   * SIGNAL_LOSS (no SpO2, or no heart rate) and BP_OVERDUE, while infusing, paused or in recovery.
   * Only a change writes: a raise, a resolution, or the message moving on (to the 10 s, then to
   * the minute).
   */
  private async watchSignals(
    now: number,
    sessions: readonly WatchedSession[],
    limits: ReadonlyMap<string, ThresholdProfile>,
    open: ReadonlyMap<string, AlertEntity>,
  ): Promise<void> {
    await forEachInSlices(sessions, SWEEP_SLICE, ({ row: session, settings }) => {
      const profile = limits.get(session.id);
      if (!session.startedAt || !profile || !SIGNAL_WATCHED.has(session.state)) return undefined;
      const since = Math.max(Date.parse(session.startedAt), this.watchingSince);
      const arrived = this.arrivals.of(session.id);
      const receipts = {
        spo2: later(parseTime(session.spo2At), arrived.spo2),
        heartRate: later(parseTime(session.heartRateAt), arrived.heartRate),
      };
      const lost = silentSigns(receipts, since, now, profile.signalLossS);
      const signalLoss = this.technical(
        session,
        open,
        now,
        'SIGNAL_LOSS',
        lost.signs.length > 0 && {
          shownS: shownSilence(lost.silentS),
          limitS: profile.signalLossS,
          message: signalLossMessage(lost.signs, shownSilence(lost.silentS), profile.signalLossS),
        },
      );
      const baseline = settings.assessment?.baseline ?? null;
      const dueS = bloodPressureDueS(profile, lastPressure(session), baseline);
      const pressureAt = later(parseTime(session.pressureAt), arrived.pressure) ?? since;
      const overdueS = (now - Math.max(since, pressureAt)) / 1000;
      const bpOverdue = this.technical(
        session,
        open,
        now,
        'BP_OVERDUE',
        overdueS > dueS && {
          shownS: shownSilence(overdueS),
          limitS: dueS,
          message: bpOverdueMessage(shownSilence(overdueS), dueS),
        },
      );
      if (!signalLoss && !bpOverdue) return undefined;
      return (async () => {
        await signalLoss?.();
        await bpOverdue?.();
      })();
    });
  }

  /**
   * Raises, resolves or brings up to date one technical alarm of the session: the write to make,
   * or null when the alarm stands as it is (nearly every session, nearly every second).
   */
  private technical(
    session: WatchedRow,
    open: ReadonlyMap<string, AlertEntity>,
    now: number,
    code: TechnicalCode,
    condition: { shownS: number; limitS: number; message: string } | false,
  ): (() => Promise<void>) | null {
    const existing = open.get(openKey(session.id, code));
    if (!condition) {
      if (!existing) return null;
      return () =>
        this.change(existing, { type: 'resolve', at: toIsoTimestamp(now), reason: 'cleared' });
    }
    const shown = {
      value: condition.shownS,
      threshold: condition.limitS,
      message: condition.message,
    };
    if (existing) {
      if (existing.message === shown.message) return null;
      return () => this.change(existing, { type: 'rewrite', ...shown });
    }
    return async () => {
      await this.writer.raise(
        { id: session.id, bay: session.bay },
        { kind: 'technical', code, priority: 'medium', ...shown, at: now },
      );
    };
  }
}

type TechnicalCode = 'SIGNAL_LOSS' | 'BP_OVERDUE';

/** The states in which a silent monitor or an overdue cuff is an alarm. */
const SIGNAL_WATCHED: ReadonlySet<SessionState> = new Set(['infusing', 'paused', 'recovery']);

/** A live session as the sweep reads it, without its settings. */
interface WatchedRow {
  id: string;
  bay: string;
  state: SessionState;
  startedAt: string | null;
  revision: number | string;
  thresholdProfileId: string;
  spo2At: string | null;
  heartRateAt: string | null;
  pressureAt: string | null;
  /** The newest blood pressure's values, kept with its receipt time. */
  pressureSystolic: number | null;
  pressureDiastolic: number | null;
}

/** With its limits snapshot (read through ThresholdProfilesService.limitsFor) and assessment. */
interface WatchedSession {
  row: WatchedRow;
  settings: SessionSettings;
}

/** The session's newest blood pressure, as its receipt keeps it. */
function lastPressure(session: WatchedRow): PressureReading | null {
  if (session.pressureAt === null || session.pressureSystolic === null) return null;
  return { systolic: session.pressureSystolic, diastolic: session.pressureDiastolic };
}

function openKey(sessionId: string, code: string): string {
  return `${sessionId}\u0000${code}`;
}

function parseTime(value: string | null): number | null {
  return value ? Date.parse(value) : null;
}
