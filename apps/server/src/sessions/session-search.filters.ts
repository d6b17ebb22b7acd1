import type { SessionSearchQuery } from '@vigil/shared';
import type { SelectQueryBuilder } from 'typeorm';
import { AlertEntity } from '../alerts/alert.entity';
import { AuditEntryEntity } from '../audit/audit-entry.entity';
import { PatientEntity } from '../patients/patient.entity';
import { UserEntity } from '../users/user.entity';
import type { SessionEntity } from './session.entity';

/** `LIKE :parameter` with a backslash escape, the same on SQLite and PostgreSQL. */
const like = (parameter: string) => `LIKE :${parameter} ESCAPE '\\'`;

/** `%text%`, lower-cased, with the text's own `%`, `_` and `\` matched literally. */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/**
 * Narrows a `session` query by the auditor's filters (see `sessionSearchQuerySchema` for what
 * each means). Each is a subquery, so the answer stays one row per session.
 */
export function applySessionSearch(
  builder: SelectQueryBuilder<SessionEntity>,
  query: Pick<SessionSearchQuery, 'patient' | 'clinician' | 'priority'>,
): void {
  if (query.patient) matchPatient(builder, query.patient);
  if (query.clinician) matchClinician(builder, query.clinician);
  if (query.priority) {
    builder.andWhere((outer) => {
      const withAlert = outer
        .subQuery()
        .select('alert.sessionId')
        .from(AlertEntity, 'alert')
        .where('alert.priority = :priority')
        .getQuery();
      return `session.id IN ${withAlert}`;
    });
    builder.setParameter('priority', query.priority);
  }
}

function matchPatient(builder: SelectQueryBuilder<SessionEntity>, text: string): void {
  builder.andWhere((outer) => {
    const patients = outer
      .subQuery()
      .select('patient.id')
      .from(PatientEntity, 'patient')
      .where(`LOWER(patient.mrn) ${like('patientPattern')}`)
      .orWhere(`LOWER(patient.displayName) ${like('patientPattern')}`)
      .getQuery();
    return `session.patientId IN ${patients}`;
  });
  builder.setParameter('patientPattern', containsPattern(text));
}

/**
 * The clinician is one of the session's assignees, or a nurse or physician who wrote something
 * to its audit trail. Reads and refusals do not count: a nurse glancing at the ward, or an
 * attempt that was refused, is not taking part in the patient's care. Audit entries are matched
 * by username, which never changes, through the index on `actor`.
 */
function matchClinician(builder: SelectQueryBuilder<SessionEntity>, text: string): void {
  builder.andWhere((outer) => {
    const clinicians = (column: 'id' | 'username') =>
      outer
        .subQuery()
        .select(`clinician.${column}`)
        .from(UserEntity, 'clinician')
        .where(`LOWER(clinician.username) ${like('clinicianPattern')}`)
        .orWhere(`LOWER(clinician.displayName) ${like('clinicianPattern')}`)
        .getQuery();
    const recorded = outer
      .subQuery()
      .select('entry.sessionId')
      .from(AuditEntryEntity, 'entry')
      .where(`entry.actor IN ${clinicians('username')}`)
      .andWhere("entry.role IN ('nurse', 'physician')")
      .andWhere("entry.action NOT LIKE '%.read'")
      .andWhere("entry.action <> 'access.denied'")
      .getQuery();
    // The audit trail keeps session ids as text; PostgreSQL will not compare text with uuid.
    return (
      `(session.assignedNurseId IN ${clinicians('id')}` +
      ` OR session.supervisingPhysicianId IN ${clinicians('id')}` +
      ` OR CAST(session.id AS varchar) IN ${recorded})`
    );
  });
  builder.setParameter('clinicianPattern', containsPattern(text));
}
