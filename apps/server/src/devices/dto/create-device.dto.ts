import { createDeviceSchema } from '@vigil/shared';
import { createZodDto } from 'nestjs-zod';

export class CreateDeviceDto extends createZodDto(createDeviceSchema) {}
