import { Injectable, Logger } from '@nestjs/common';
import { orderSignatureRecipients, type OrderAwaitingSignature, type Session } from '@vigil/shared';
import { AuditService } from '../audit/audit.service';
import { actorOf, systemPrincipal, type Actor } from '../auth/principal';
import { ClinicianGateway } from '../realtime/clinician.gateway';

const NOTIFIER = actorOf(systemPrincipal('order-notices'));

/**
 * Tells physicians of a nurse's drafted order the moment it is written, so that a session does
 * not wait in its chair for a signature nobody knew was due; and tells them when it is signed.
 * A physician who was not reached (no screen open) finds it in the waiting-for-signature list,
 * which every screen reads again when it (re)connects.
 */
@Injectable()
export class OrderSignatureNotices {
  private readonly logger = new Logger(OrderSignatureNotices.name);

  constructor(
    private readonly realtime: ClinicianGateway,
    private readonly audit: AuditService,
  ) {}

  /** After the session's commit; a failure is logged (by session id only) and never the caller's. */
  async awaitingSignature(session: Session, drafter: Actor): Promise<void> {
    const draftedBy = drafter.actor;
    try {
      const recipients = orderSignatureRecipients(
        session.supervisingPhysicianId,
        await this.realtime.onDuty(),
      );
      const notice: OrderAwaitingSignature = {
        sessionId: session.id,
        bay: session.bay,
        scheduledAt: session.scheduledAt,
        patient: session.patient,
        doseMgPerKg: session.doseMgPerKg,
        draftedBy,
        ...(drafter.displayName && { draftedByName: drafter.displayName }),
      };
      await this.audit.record(NOTIFIER, {
        action: 'order.notified',
        entity: 'session',
        entityId: session.id,
        sessionId: session.id,
        detail: {
          recipients,
          draftedBy,
          to: session.supervisingPhysicianId ? 'supervising-physician' : 'physicians-on-duty',
        },
      });
      // Recorded first: a screen that shows the notice finds whom it went to in the trail.
      for (const userId of recipients) this.realtime.sendOrderAwaitingSignature(userId, notice);
    } catch (error) {
      this.logger.error(
        `notifying physicians of the order of session ${session.id} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  signed(session: Pick<Session, 'id'>, signedBy: string): void {
    this.realtime.publishOrderSigned({ sessionId: session.id, signedBy });
  }
}
