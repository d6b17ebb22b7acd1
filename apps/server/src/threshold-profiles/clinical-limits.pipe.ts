import { Injectable, type PipeTransform } from '@nestjs/common';
import { brokenSafetyFloors, formatIssues } from '@vigil/shared';
import type { z } from 'zod';
import { badRequest } from '../common/vigil.exception';

/**
 * Validates a body that sets clinical limits with its shared schema (the one the dashboard's form
 * runs). A body that breaks a safety floor is refused as SAFETY_FLOOR, naming each field and
 * floor in `details.floors`, so a program can tell a refused limit from a malformed one.
 */
@Injectable()
export class ClinicalLimitsPipe<T> implements PipeTransform<unknown, T> {
  constructor(private readonly schema: z.ZodType<T>) {}

  transform(value: unknown): T {
    const parsed = this.schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const messages = formatIssues(parsed.error);
    const floors = brokenSafetyFloors(parsed.error);
    if (floors.length === 0) throw badRequest('VALIDATION_FAILED', messages);
    throw badRequest('SAFETY_FLOOR', messages, { floors });
  }
}
