import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import { isoTimestampColumn } from '../database/columns';

@Entity({ name: 'patient' })
@Unique('uq_patient_mrn', ['mrn'])
export class PatientEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  mrn!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 120 })
  displayName!: string;

  @Column({ name: 'birth_date', type: 'varchar', length: 10, nullable: true })
  birthDate!: string | null;

  @Column({ name: 'weight_kg', type: 'double precision' })
  weightKg!: number;

  @Column(isoTimestampColumn({ name: 'created_at' }))
  createdAt!: string;
}
