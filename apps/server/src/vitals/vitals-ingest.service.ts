import { BadRequestException, Injectable } from '@nestjs/common';
import {
  formatIssues,
  vitalsBatchSchema,
  type VitalsAccepted,
  type SourcedVitalSample,
  type VitalsBatchInput,
} from '@vigil/shared';
import { PhysiologicalAlerts } from '../alerts/physiological-alerts';
import { SignalArrivals } from '../alerts/signal-arrivals';
import { type Principal, sourceOf } from '../auth/principal';
import { toIsoTimestamp } from '../database/columns';
import { VitalsMetrics } from '../metrics/vitals.metrics';
import { ClinicianGateway } from '../realtime/clinician.gateway';
import type { VitalSampleEntity } from './vital-sample.entity';
import { sameMeasurements, toVitalSample, toVitalSampleRow } from './vital-sample.mapper';
import { sampleKey } from './vital-samples.repository';
import { LiveSessionRegister } from './live-session-register';
import { VitalsGroupCommit, type VitalsCommitted } from './vitals-group-commit';

/**
 * The one way readings enter Vigil, whatever carried them (REST, device socket, simulator):
 * validated as a whole batch and judged by the alert rules on arrival (hazard H-F15), stored
 * durably and exactly once with its audit entry (committed together with other beds' batches
 * under load), then fanned out.
 */
@Injectable()
export class VitalsIngestService {
  /** Per session, its batches whose readings the rules judge only after their commit. */
  private readonly awaitingCommit = new Map<string, number>();

  constructor(
    private readonly groupCommit: VitalsGroupCommit,
    private readonly realtime: ClinicianGateway,
    private readonly metrics: VitalsMetrics,
    private readonly alerts: PhysiologicalAlerts,
    private readonly register: LiveSessionRegister,
    private readonly arrivals: SignalArrivals,
  ) {}

  /** For carriers that bypass the HTTP pipe: the same shared schema, the same messages. */
  validate(body: unknown): VitalsBatchInput {
    const parsed = vitalsBatchSchema.safeParse(body);
    if (!parsed.success) throw new BadRequestException(formatIssues(parsed.error));
    return parsed.data;
  }

  async ingest(
    principal: Principal,
    sessionId: string,
    batch: VitalsBatchInput,
  ): Promise<VitalsAccepted> {
    const source = sourceOf(principal);
    const now = Date.now();
    const receivedAt = toIsoTimestamp(now);
    const rows = new Map<string, VitalSampleEntity>();
    const conflicting: VitalSampleEntity[] = [];
    for (const sample of batch.samples) {
      const row = toVitalSampleRow(sessionId, source, sample, receivedAt);
      const key = sampleKey(row);
      const first = rows.get(key);
      if (!first) rows.set(key, row);
      else if (!sameMeasurements(first, row)) conflicting.push(row);
    }
    const arrived = inTimeOrder([...rows.values()]);
    const samples = arrived.map(toVitalSample);
    const judgedOnArrival = this.judgeOnArrival(principal, sessionId, samples, conflicting);
    if (!judgedOnArrival) this.awaitingCommit.set(sessionId, this.waitingFor(sessionId) + 1);
    const settle = this.arrivals.received(sessionId, samples, now);
    let committed: VitalsCommitted;
    try {
      committed = await this.groupCommit.submit({
        principal,
        sessionId,
        rows: arrived,
        conflicting,
        offered: batch.samples.length,
      });
    } catch (refusal) {
      settle(false);
      if (!judgedOnArrival) this.noLongerAwaiting(sessionId);
      throw refusal;
    }
    const { session, stored } = committed;
    // Only new samples move the stored receipt times; a batch of resends does not either.
    settle(stored.length > 0);
    const accepted: VitalsAccepted = {
      accepted: stored.length,
      duplicates: batch.samples.length - stored.length,
    };
    this.metrics.recordBatch(accepted);
    // Stored in the order they arrived in, which is time order; most often all of them.
    const fresh = stored.length === arrived.length ? samples : stored.map(toVitalSample);
    this.realtime.publishVitals(session.bay, sessionId, fresh);
    if (!judgedOnArrival) {
      try {
        this.alerts.observe(session, fresh);
      } finally {
        this.noLongerAwaiting(sessionId);
      }
    }
    return accepted;
  }

  /**
   * The rules judge a batch as it arrives when the register holds its session and no earlier
   * batch of that session still waits to be judged after its commit: the rules ignore a sample
   * older than one they have judged, so judging out of order would let a reading hide another.
   * A batch that contradicts itself is refused whole and never judged.
   */
  private judgeOnArrival(
    principal: Principal,
    sessionId: string,
    samples: SourcedVitalSample[],
    conflicting: VitalSampleEntity[],
  ): boolean {
    if (conflicting.length > 0 || this.waitingFor(sessionId) > 0) return false;
    const session = this.register.judgeable(principal, sessionId);
    if (!session) return false;
    this.alerts.observe(session, samples);
    return true;
  }

  private waitingFor(sessionId: string): number {
    return this.awaitingCommit.get(sessionId) ?? 0;
  }

  private noLongerAwaiting(sessionId: string): void {
    const waiting = this.waitingFor(sessionId) - 1;
    if (waiting > 0) this.awaitingCommit.set(sessionId, waiting);
    else this.awaitingCommit.delete(sessionId);
  }
}

function inTimeOrder<T extends { at: string }>(samples: T[]): T[] {
  return samples.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
