import { observationSchema, type ObservationInput } from '@vigil/shared';
import type { FormSchema } from '../../ui/forms/use-schema-form';
import type { SchemaIssue } from '../../ui/forms/field-errors';

const REQUIRED_SCALES = ['moaas', 'cadss6'] as const;

/**
 * A recovery check is an observation (the shared schema, as the server reads it) that carries
 * both MOAA/S and CADSS-6: a check without them would not say how the patient is recovering.
 */
export const recoveryCheckSchema: FormSchema<ObservationInput> = {
  safeParse(input) {
    const parsed = observationSchema.safeParse(input);
    const scores =
      typeof input === 'object' && input !== null
        ? (input as { scores?: Record<string, unknown> }).scores
        : undefined;
    const missing: SchemaIssue[] = REQUIRED_SCALES.filter(
      (scale) => scores?.[scale] === undefined,
    ).map((scale) => ({
      path: ['scores', scale],
      message: 'must be scored at every recovery check',
    }));
    if (parsed.success && missing.length === 0) return { success: true, data: parsed.data };
    return {
      success: false,
      error: { issues: [...(parsed.success ? [] : parsed.error.issues), ...missing] },
    };
  },
};
