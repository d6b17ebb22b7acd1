import { ketamineDrawSchema, ketamineWasteSchema, pumpEventSchema } from '@vigil/shared';
import { createZodDto } from 'nestjs-zod';

export class PumpEventDto extends createZodDto(pumpEventSchema) {}
export class KetamineDrawDto extends createZodDto(ketamineDrawSchema) {}
export class KetamineWasteDto extends createZodDto(ketamineWasteSchema) {}
