import { Column, Entity, PrimaryColumn } from 'typeorm';
import { isoTimestampColumn } from '../database/columns';

/** The series a physician plans for a patient (for example 6 infusions in 2–3 weeks). */
@Entity({ name: 'planned_course' })
export class PlannedCourseEntity {
  @PrimaryColumn({ name: 'patient_id', type: 'uuid' })
  patientId!: string;

  @Column({ name: 'planned_infusions', type: 'integer' })
  plannedInfusions!: number;

  @Column(isoTimestampColumn({ name: 'planned_at' }))
  plannedAt!: string;

  @Column({ name: 'planned_by', type: 'varchar', length: 120 })
  plannedBy!: string;
}
