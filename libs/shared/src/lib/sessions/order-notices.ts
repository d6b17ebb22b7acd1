import type { CareTeamMember } from '../alerts/alert-routing';
import type { SessionPatientSummary } from './session.types';

/**
 * `order.awaiting-signature`: a nurse scheduled a session whose dose order a physician must sign
 * before the start. Sent to the physicians who should sign it (see orderSignatureRecipients).
 */
export interface OrderAwaitingSignature {
  sessionId: string;
  bay: string;
  /** When the patient is expected in the chair. */
  scheduledAt: string;
  patient: SessionPatientSummary;
  doseMgPerKg: number;
  /** The username of the nurse who drafted the order. */
  draftedBy: string;
  /** Their name as screens show it. */
  draftedByName?: string;
}

/** `order.signed`: the order is signed; a notice of it waiting is done with. */
export interface OrderSigned {
  sessionId: string;
  /** The username of the physician who signed it. */
  signedBy: string;
}

/**
 * Who is asked to sign a drafted order: the session's supervising physician, or, when it names
 * none, every physician with a live screen now (a physician who opens one later finds it in the
 * waiting-for-signature list).
 */
export function orderSignatureRecipients(
  supervisingPhysicianId: string | null,
  onDuty: readonly CareTeamMember[],
): string[] {
  if (supervisingPhysicianId) return [supervisingPhysicianId];
  return [
    ...new Set(
      onDuty.filter((member) => member.role === 'physician').map((member) => member.userId),
    ),
  ];
}
