import { BadRequestException } from '@nestjs/common';
import { formatIssues } from '@vigil/shared';
import { createZodValidationPipe } from 'nestjs-zod';
import type { ZodError } from 'zod';

/**
 * Runs the DTO's shared zod schema; a refusal names every field and the rule it broke, in the
 * contract's NestJS error shape.
 */
export const ZodValidationPipe = createZodValidationPipe({
  createValidationException: (error: unknown) =>
    new BadRequestException(formatIssues(error as ZodError)),
});
