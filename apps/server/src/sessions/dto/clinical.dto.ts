import { assessmentSchema, dischargeSchema, reasonSchema } from '@vigil/shared';
import { createZodDto } from 'nestjs-zod';

export class AssessmentDto extends createZodDto(assessmentSchema) {}
export class ReasonDto extends createZodDto(reasonSchema) {}
export class DischargeDto extends createZodDto(dischargeSchema) {}
