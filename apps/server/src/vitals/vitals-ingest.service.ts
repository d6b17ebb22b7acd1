import { BadRequestException, Injectable } from '@nestjs/common';
import {
  formatIssues,
  vitalsBatchSchema,
  type VitalsAccepted,
  type VitalsBatchInput,
} from '@vigil/shared';
import { AlertsService } from '../alerts/alerts.service';
import { type Principal, sourceOf } from '../auth/principal';
import { toIsoTimestamp } from '../database/columns';
import { VitalsMetrics } from '../metrics/vitals.metrics';
import { ClinicianGateway } from '../realtime/clinician.gateway';
import { dedupeKey, toVitalSample, toVitalSampleRow } from './vital-sample.mapper';
import { VitalsGroupCommit } from './vitals-group-commit';

/**
 * The one way readings enter Vigil, whatever carried them (REST, device socket, simulator):
 * validated as a whole batch, stored durably and exactly once with its audit entry (committed
 * together with other beds' batches under load), then fanned out and evaluated.
 */
@Injectable()
export class VitalsIngestService {
  constructor(
    private readonly groupCommit: VitalsGroupCommit,
    private readonly realtime: ClinicianGateway,
    private readonly metrics: VitalsMetrics,
    private readonly alerts: AlertsService,
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
    const receivedAt = toIsoTimestamp(Date.now());
    const unique = new Map(batch.samples.map((sample) => [dedupeKey(sample), sample]));
    const rows = [...unique.values()].map((sample) =>
      toVitalSampleRow(sessionId, source, sample, receivedAt),
    );
    const { session, stored } = await this.groupCommit.submit({
      principal,
      sessionId,
      rows,
      offered: batch.samples.length,
    });
    const accepted: VitalsAccepted = {
      accepted: stored.length,
      duplicates: batch.samples.length - stored.length,
    };
    this.metrics.recordBatch(accepted);
    const samples = stored.map(toVitalSample).sort((a, b) => a.at.localeCompare(b.at));
    this.realtime.publishVitals(session.bay, sessionId, samples);
    this.alerts.observe(session, samples);
    return accepted;
  }
}
