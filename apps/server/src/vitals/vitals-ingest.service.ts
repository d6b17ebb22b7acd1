import { BadRequestException, Injectable } from '@nestjs/common';
import {
  formatIssues,
  vitalsBatchSchema,
  type VitalsAccepted,
  type VitalsBatchInput,
} from '@vigil/shared';
import { PhysiologicalAlerts } from '../alerts/physiological-alerts';
import { type Principal, sourceOf } from '../auth/principal';
import { toIsoTimestamp } from '../database/columns';
import { VitalsMetrics } from '../metrics/vitals.metrics';
import { ClinicianGateway } from '../realtime/clinician.gateway';
import type { VitalSampleEntity } from './vital-sample.entity';
import { sameMeasurements, toVitalSample, toVitalSampleRow } from './vital-sample.mapper';
import { sampleKey } from './vital-samples.repository';
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
    private readonly alerts: PhysiologicalAlerts,
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
    const rows = new Map<string, VitalSampleEntity>();
    const conflicting: VitalSampleEntity[] = [];
    for (const sample of batch.samples) {
      const row = toVitalSampleRow(sessionId, source, sample, receivedAt);
      const first = rows.get(sampleKey(row));
      if (!first) rows.set(sampleKey(row), row);
      else if (!sameMeasurements(first, row)) conflicting.push(row);
    }
    const { session, stored } = await this.groupCommit.submit({
      principal,
      sessionId,
      rows: [...rows.values()],
      conflicting,
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
