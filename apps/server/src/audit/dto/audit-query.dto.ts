import { auditQuerySchema } from '@vigil/shared';
import { createZodDto } from 'nestjs-zod';

export class AuditQueryDto extends createZodDto(auditQuerySchema) {}
