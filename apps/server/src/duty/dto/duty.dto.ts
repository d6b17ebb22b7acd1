import { assignmentSchema, chargeNurseSchema } from '@vigil/shared';
import { createZodDto } from 'nestjs-zod';

export class ChargeNurseDto extends createZodDto(chargeNurseSchema) {}
export class AssignmentDto extends createZodDto(assignmentSchema) {}
