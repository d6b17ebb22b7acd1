import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import {
  alertMessage,
  DEFAULT_THRESHOLD_PROFILE,
  effectiveRule,
  type Alert,
  type AlertPriority,
  type AlertResolvedReason,
  type Assessment,
  type PhysiologicalCode,
  type SourcedVitalSample,
  type ThresholdProfile,
} from '@vigil/shared';
import type { Subscription } from 'rxjs';
import { ClinicianGateway } from '../realtime/clinician.gateway';
import {
  ThresholdProfilesService,
  type SessionLimitsSource,
} from '../threshold-profiles/threshold-profiles.service';
import { AlertEngine, type EngineEvent } from './alert-engine';
import type { AlertEntity } from './alert.entity';
import { AlertQueries } from './alert-queries';
import { ALERT_ENGINE_ACTOR, AlertWriter, type AlertSubject } from './alert-writer';
import { LiveAlertMessages, type ShownCondition } from './live-alert-messages';

/** A session as the rules see it: its limits in force, and its baseline for relative limits. */
export interface ObservedSession extends AlertSubject, SessionLimitsSource {
  thresholdProfileId: string;
  assessment: Assessment | null;
}

const PHYSIOLOGICAL: ReadonlySet<string> = new Set(
  DEFAULT_THRESHOLD_PROFILE.rules.map((rule) => rule.code),
);

export function isPhysiological(code: string): code is PhysiologicalCode {
  return PHYSIOLOGICAL.has(code);
}

/** The key of limits worked out for a session assessed without a baseline. */
const NO_BASELINE = {};

/**
 * Readings into alerts: the rules run in memory (AlertEngine), so evaluating a reading never
 * waits on the database; the raises, upgrades, message rewrites and resolutions they produce are
 * then written through AlertWriter one after another per session, so a session's alerts change
 * in the order the rules decided. Each write is conditional on the alert's revision under the
 * session's lock, so a person's acknowledgement, which does not queue, is ordered with them by
 * the database: exactly one of two racing changes is decided on each state.
 */
@Injectable()
export class PhysiologicalAlerts implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PhysiologicalAlerts.name);
  private readonly engine = new AlertEngine();
  private readonly live = new LiveAlertMessages();
  private readonly queues = new Map<string, Promise<void>>();
  private readonly effective = new WeakMap<ThresholdProfile, WeakMap<object, ThresholdProfile>>();
  private otherInstances: Subscription | null = null;

  constructor(
    private readonly writer: AlertWriter,
    private readonly queries: AlertQueries,
    private readonly realtime: ClinicianGateway,
    private readonly profiles: ThresholdProfilesService,
  ) {}

  /** Open alerts survive a restart: the engine takes them up again. */
  async onApplicationBootstrap(): Promise<void> {
    this.otherInstances = this.realtime.alertsFromOtherInstances.subscribe((alert) =>
      this.followOtherInstance(alert),
    );
    for (const alert of await this.queries.open()) {
      if (!isPhysiological(alert.code)) continue;
      this.trackLive(alert);
      this.engine.adopt(
        alert.sessionId,
        alert.code,
        {
          priority: alert.priority,
          value: alert.value ?? 0,
          threshold: alert.threshold ?? 0,
          acknowledged: alert.state === 'acknowledged',
        },
        Date.now(),
      );
    }
  }

  onModuleDestroy(): void {
    this.otherInstances?.unsubscribe();
  }

  /** Called with readings on arrival or once stored (H-F15); returns at once, writes follow. */
  observe(session: ObservedSession, samples: readonly SourcedVitalSample[]): void {
    const profile = this.profiles.limitsFor(session);
    const rules = this.effectiveLimits(profile, session.assessment?.baseline ?? null);
    const events = this.engine.evaluate(session.id, samples, rules);
    for (const { code, event } of events)
      if (event.type === 'upgrade') this.live.retarget(session.id, code, event.threshold);
    if (events.length > 0)
      void this.enqueue(session.id, () => this.applyEngineEvents(session, events));
    const due = this.live.observe(
      session.id,
      samples,
      rules.rules,
      profile.signalLossS,
      Date.now(),
    );
    if (due.length > 0)
      void this.enqueue(session.id, async () => {
        for (const shown of due) await this.rewrite(shown);
      });
  }

  /**
   * The limits with their baseline-relative rules made absolute, worked out once per limits and
   * baseline: a session's are parsed once per revision and shared, never changed, and the rules
   * look them up with every reading.
   */
  private effectiveLimits(
    profile: ThresholdProfile,
    baseline: Assessment['baseline'] | null,
  ): ThresholdProfile {
    let byBaseline = this.effective.get(profile);
    if (!byBaseline) {
      byBaseline = new WeakMap();
      this.effective.set(profile, byBaseline);
    }
    const key = baseline ?? NO_BASELINE;
    let limits = byBaseline.get(key);
    if (!limits) {
      limits = { ...profile, rules: profile.rules.map((rule) => effectiveRule(rule, baseline)) };
      byBaseline.set(key, limits);
    }
    return limits;
  }

  /**
   * A person acknowledged the alert: the rule takes note, in the session's turn, and a latched
   * alert whose condition has cleared closes (reason `acknowledged`).
   */
  acknowledged(alert: AlertEntity, at: number): Promise<void> {
    const { code } = alert;
    if (!isPhysiological(code)) return Promise.resolve();
    return this.enqueue(alert.sessionId, async () => {
      const events = this.engine.acknowledge(alert.sessionId, code, at);
      if (events.length)
        await this.applyEngineEvents(
          { id: alert.sessionId, bay: alert.bay },
          events,
          'acknowledged',
        );
    });
  }

  /** The session has ended: nothing of it is evaluated, rewritten or raised again. */
  forgetSession(sessionId: string): void {
    this.engine.forget(sessionId);
    this.live.forget(sessionId);
  }

  private async applyEngineEvents(
    session: AlertSubject,
    events: EngineEvent[],
    resolvedReason: AlertResolvedReason = 'cleared',
  ): Promise<void> {
    for (const { code, event } of events) {
      if (event.type === 'raise') {
        const raised = await this.writer.raise(session, {
          kind: 'physiological',
          code,
          priority: event.priority,
          value: event.value,
          threshold: event.threshold,
          message: alertMessage(code, event.value, event.threshold),
          at: event.at,
        });
        if (raised) this.trackLive(raised);
        else await this.upgrade(session, code, event.priority, event.value, event.threshold);
      } else if (event.type === 'upgrade') {
        await this.upgrade(session, code, event.priority, event.value, event.threshold);
      } else {
        const open = await this.queries.findOpen(session.id, code);
        if (!open) continue;
        const at = new Date(event.at).toISOString();
        await this.writer.command(ALERT_ENGINE_ACTOR, open.id, {
          type: 'resolve',
          at,
          reason: resolvedReason,
        });
        this.live.untrack(session.id, code);
      }
    }
  }

  /** A worse value raises the open alert's priority; it never opens a second alert. */
  private async upgrade(
    session: AlertSubject,
    code: PhysiologicalCode,
    priority: AlertPriority,
    value: number,
    threshold: number,
  ): Promise<void> {
    const open = await this.queries.findOpen(session.id, code);
    if (!open) return;
    const worst = this.live.worst(session.id, code, value);
    const outcome = await this.writer.command(ALERT_ENGINE_ACTOR, open.id, {
      type: 'upgrade',
      priority,
      value: worst,
      threshold,
      message: alertMessage(code, value, threshold, worst),
    });
    if ('changed' in outcome) this.trackLive(outcome.changed);
  }

  /** The open alert's message (and worst value) brought up to date with its condition. */
  private async rewrite(shown: ShownCondition): Promise<void> {
    const { id, ...words } = shown;
    await this.writer.command(ALERT_ENGINE_ACTOR, id, { type: 'rewrite', ...words });
  }

  private trackLive(alert: AlertEntity | Alert): void {
    this.live.track(
      {
        id: alert.id,
        sessionId: alert.sessionId,
        code: alert.code as PhysiologicalCode,
        value: alert.value ?? 0,
        threshold: alert.threshold ?? 0,
      },
      Date.now(),
    );
  }

  /**
   * Keeps the rule state here in step with alerts that another instance opened, acknowledged or
   * closed, so that whichever instance receives a session's readings can carry its alerts on.
   */
  private followOtherInstance(alert: Alert): void {
    const { sessionId, code } = alert;
    if (alert.resolvedReason === 'session-ended') {
      this.forgetSession(sessionId);
      return;
    }
    if (!isPhysiological(code)) return;
    const open = {
      priority: alert.priority,
      value: alert.value ?? 0,
      threshold: alert.threshold ?? 0,
      acknowledged: false,
    };
    if (alert.state === 'resolved') {
      this.engine.release(sessionId, code);
      this.live.untrack(sessionId, code);
      return;
    }
    this.trackLive(alert);
    if (alert.state === 'active') this.engine.adopt(sessionId, code, open, Date.now());
    else
      void this.enqueue(sessionId, async () => {
        const events = this.engine.acknowledgedElsewhere(sessionId, code, open, Date.now());
        if (events.length)
          await this.applyEngineEvents({ id: sessionId, bay: alert.bay }, events, 'acknowledged');
      });
  }

  private enqueue(sessionId: string, work: () => Promise<void>): Promise<void> {
    const previous = this.queues.get(sessionId) ?? Promise.resolve();
    const next = previous
      .then(work)
      .catch((error: unknown) =>
        this.logger.error(
          `alert write failed: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    this.queues.set(sessionId, next);
    void next.finally(() => {
      if (this.queues.get(sessionId) === next) this.queues.delete(sessionId);
    });
    return next;
  }
}
