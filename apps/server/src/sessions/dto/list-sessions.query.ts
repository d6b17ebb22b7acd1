import { sessionSearchQuerySchema } from '@vigil/shared';
import { createZodDto } from 'nestjs-zod';

/** The contract's filters plus the auditor's search; the schema is shared with the dashboard. */
export class ListSessionsQuery extends createZodDto(sessionSearchQuerySchema) {}
