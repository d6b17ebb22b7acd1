import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
} from '@nestjs/common';
import {
  acceptsVitals,
  formatIssues,
  vitalsBatchSchema,
  type VitalsAccepted,
  type VitalsBatchInput,
} from '@vigil/shared';
import { AlertsService } from '../alerts/alerts.service';
import { AuditService } from '../audit/audit.service';
import { actorOf, type Principal, sourceOf } from '../auth/principal';
import { toIsoTimestamp } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { VitalsMetrics } from '../metrics/vitals.metrics';
import { ClinicianGateway } from '../realtime/clinician.gateway';
import type { SessionEntity } from '../sessions/session.entity';
import { SessionsService } from '../sessions/sessions.service';
import { dedupeKey, toVitalSample, toVitalSampleRow } from './vital-sample.mapper';
import { VitalSamplesRepository } from './vital-samples.repository';

/**
 * The one way readings enter Vigil, whatever carried them (REST, device socket, simulator):
 * validated as a whole batch, stored durably and exactly once with its audit entry, then fanned
 * out.
 */
@Injectable()
export class VitalsIngestService {
  constructor(
    private readonly sessions: SessionsService,
    private readonly samples: VitalSamplesRepository,
    private readonly realtime: ClinicianGateway,
    private readonly metrics: VitalsMetrics,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
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
    const session = await this.sessions.getEntity(sessionId);
    await this.checkBayScope(principal, session);
    if (!acceptsVitals(session.state)) {
      throw new ConflictException(`session ${sessionId} is ${session.state} and accepts no vitals`);
    }
    const source = sourceOf(principal);
    const receivedAt = toIsoTimestamp(Date.now());
    const unique = new Map(batch.samples.map((sample) => [dedupeKey(sample), sample]));
    const rows = [...unique.values()].map((sample) =>
      toVitalSampleRow(sessionId, source, sample, receivedAt),
    );
    const stored = await this.unitOfWork.run(async (manager) => {
      const inserted = await this.samples.insertNew(manager, rows);
      if (inserted.length > 0) {
        await this.audit.append(manager, actorOf(principal), {
          action: 'vitals.accepted',
          entity: 'session',
          entityId: sessionId,
          sessionId,
          detail: { accepted: inserted.length, duplicates: batch.samples.length - inserted.length },
        });
      }
      return inserted;
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

  /** A device registered to a bay speaks only for the chair in that bay. */
  private async checkBayScope(principal: Principal, session: SessionEntity): Promise<void> {
    if (principal.kind !== 'device' || principal.bay === null || principal.bay === session.bay) {
      return;
    }
    await this.audit.record(actorOf(principal), {
      action: 'access.denied',
      entity: 'session',
      entityId: session.id,
      sessionId: session.id,
      detail: { reason: 'device-bay-scope', deviceBay: principal.bay, sessionBay: session.bay },
    });
    throw new ForbiddenException(
      `device is registered to bay ${principal.bay}; session ${session.id} is in bay ${session.bay}`,
    );
  }
}
