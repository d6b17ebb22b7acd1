import {
  assessmentSchema,
  dischargeSchema,
  moveBaySchema,
  orderSchema,
  overrideSchema,
  reasonSchema,
  stopSchema,
} from '@vigil/shared';
import { createZodDto } from 'nestjs-zod';

export class AssessmentDto extends createZodDto(assessmentSchema) {}
export class ReasonDto extends createZodDto(reasonSchema) {}
export class StopDto extends createZodDto(stopSchema) {}
export class OrderDto extends createZodDto(orderSchema) {}
export class OverrideDto extends createZodDto(overrideSchema) {}
export class DischargeDto extends createZodDto(dischargeSchema) {}
export class MoveBayDto extends createZodDto(moveBaySchema) {}
