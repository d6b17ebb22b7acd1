import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import {
  acceptsVitals,
  formatIssues,
  vitalsBatchSchema,
  type VitalsAccepted,
  type VitalsBatchInput,
} from '@vigil/shared';
import { toIsoTimestamp } from '../database/columns';
import { VitalsMetrics } from '../metrics/vitals.metrics';
import { ClinicianGateway } from '../realtime/clinician.gateway';
import { SessionsService } from '../sessions/sessions.service';
import { dedupeKey, toVitalSample, toVitalSampleRow } from './vital-sample.mapper';
import { VitalSamplesRepository } from './vital-samples.repository';

/**
 * The one way readings enter Vigil, whatever carried them (REST, device socket, simulator):
 * validated as a whole batch, stored durably and exactly once, then fanned out.
 */
@Injectable()
export class VitalsIngestService {
  constructor(
    private readonly sessions: SessionsService,
    private readonly samples: VitalSamplesRepository,
    private readonly realtime: ClinicianGateway,
    private readonly metrics: VitalsMetrics,
  ) {}

  /** For carriers that bypass the HTTP pipe: the same shared schema, the same messages. */
  validate(body: unknown): VitalsBatchInput {
    const parsed = vitalsBatchSchema.safeParse(body);
    if (!parsed.success) throw new BadRequestException(formatIssues(parsed.error));
    return parsed.data;
  }

  async ingest(
    sessionId: string,
    source: string,
    batch: VitalsBatchInput,
  ): Promise<VitalsAccepted> {
    const session = await this.sessions.getEntity(sessionId);
    if (!acceptsVitals(session.state)) {
      throw new ConflictException(`session ${sessionId} is ${session.state} and accepts no vitals`);
    }
    const receivedAt = toIsoTimestamp(Date.now());
    const unique = new Map(batch.samples.map((sample) => [dedupeKey(sample), sample]));
    const rows = [...unique.values()].map((sample) =>
      toVitalSampleRow(sessionId, source, sample, receivedAt),
    );
    const stored = await this.samples.insertNew(rows);
    const accepted: VitalsAccepted = {
      accepted: stored.length,
      duplicates: batch.samples.length - stored.length,
    };
    this.metrics.recordBatch(accepted);
    this.realtime.publishVitals(
      session.bay,
      sessionId,
      stored.map(toVitalSample).sort((a, b) => a.at.localeCompare(b.at)),
    );
    return accepted;
  }
}
