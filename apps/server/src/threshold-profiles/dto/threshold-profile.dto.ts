import { thresholdProfileSchema } from '@vigil/shared';
import { createZodDto } from 'nestjs-zod';

export class ThresholdProfileDto extends createZodDto(thresholdProfileSchema) {}
