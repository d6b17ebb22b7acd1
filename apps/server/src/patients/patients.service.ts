import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { PATIENT_SEARCH_LIMIT, type Patient } from '@vigil/shared';
import { randomUUID } from 'node:crypto';
import type { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/principal';
import { toIsoTimestamp } from '../database/columns';
import { isUniqueViolation } from '../database/unique-violation';
import { UnitOfWork } from '../database/unit-of-work';
import type { CreatePatientDto } from './dto/create-patient.dto';
import { PatientEntity } from './patient.entity';
import { conflict, notFound } from '../common/vigil.exception';
import { containsPattern } from '../sessions/session-search.filters';

@Injectable()
export class PatientsService {
  constructor(
    @InjectRepository(PatientEntity) private readonly patients: Repository<PatientEntity>,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, input: CreatePatientDto): Promise<Patient> {
    const patient = this.patients.create({
      id: randomUUID(),
      mrn: input.mrn,
      displayName: input.displayName,
      birthDate: input.birthDate ?? null,
      weightKg: input.weightKg,
      createdAt: toIsoTimestamp(Date.now()),
    });
    try {
      await this.unitOfWork.run(async (manager) => {
        await manager.insert(PatientEntity, patient);
        await this.audit.append(manager, actor, {
          action: 'patient.created',
          entity: 'patient',
          entityId: patient.id,
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('MRN_TAKEN', 'mrn is already registered');
      throw error;
    }
    return toPatient(patient);
  }

  async get(actor: Actor, id: string): Promise<Patient> {
    const patient = await this.patients.findOneBy({ id });
    if (!patient) throw notFound(`patient ${id} not found`);
    await this.audit.record(actor, { action: 'patient.read', entity: 'patient', entityId: id });
    return toPatient(patient);
  }

  /**
   * Patients whose name or MRN contains the text, ignoring case, by name. The audit trail keeps
   * whose records were shown, not the text searched for (a name is patient data).
   */
  async search(actor: Actor, text: string): Promise<Patient[]> {
    const rows = await this.patients
      .createQueryBuilder('patient')
      .where("LOWER(patient.mrn) LIKE :pattern ESCAPE '\\'")
      .orWhere("LOWER(patient.displayName) LIKE :pattern ESCAPE '\\'")
      .setParameter('pattern', containsPattern(text))
      .orderBy('patient.displayName', 'ASC')
      .addOrderBy('patient.mrn', 'ASC')
      .limit(PATIENT_SEARCH_LIMIT)
      .getMany();
    await this.audit.record(actor, {
      action: 'patients.read',
      entity: 'patient',
      detail: { query: '(withheld)', patientIds: rows.map((row) => row.id) },
    });
    return rows.map(toPatient);
  }

  async getEntities(ids: string[]): Promise<Map<string, PatientEntity>> {
    if (ids.length === 0) return new Map();
    const rows = await this.patients.findBy(ids.map((id) => ({ id })));
    return new Map(rows.map((row) => [row.id, row]));
  }
}

function toPatient(entity: PatientEntity): Patient {
  return {
    id: entity.id,
    mrn: entity.mrn,
    displayName: entity.displayName,
    birthDate: entity.birthDate,
    weightKg: entity.weightKg,
    createdAt: entity.createdAt,
  };
}
