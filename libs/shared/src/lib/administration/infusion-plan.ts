/**
 * The clinic dilutes ketamine to 1 mg/mL (a 10 mg/mL ampoule made up with saline) unless the
 * physician orders another strength; the pump is then set in mL/h.
 */
export const DEFAULT_CONCENTRATION_MG_PER_ML = 1;
/** From a dilute bag up to the undiluted 10 mg/mL ampoule. */
export const CONCENTRATION_RANGE_MG_PER_ML = { min: 0.1, max: 10 } as const;

export interface InfusionPlan {
  concentrationMgPerMl: number;
  /** The ordered total drawn up at that strength, to 0.1 mL. */
  volumeMl: number;
  /** What the pump is set to for the planned duration, to 0.1 mL/h (a syringe pump's step). */
  rateMlPerH: number;
}

const tenths = (value: number): number => Math.round(value * 10) / 10;

/**
 * The order in the pump's terms: the total dose (from the patient's weight on the day) at the
 * ordered concentration makes the volume, and the volume over the planned duration the rate.
 */
export function infusionPlan(
  totalDoseMg: number,
  plannedDurationMin: number,
  concentrationMgPerMl: number,
): InfusionPlan {
  const volumeMl = totalDoseMg / concentrationMgPerMl;
  return {
    concentrationMgPerMl,
    volumeMl: tenths(volumeMl),
    rateMlPerH: plannedDurationMin > 0 ? tenths(volumeMl / (plannedDurationMin / 60)) : 0,
  };
}

/** The order's strength; an order signed before the field existed was made up at the default. */
export function orderedConcentration(order: { concentrationMgPerMl?: number } | null): number {
  return order?.concentrationMgPerMl ?? DEFAULT_CONCENTRATION_MG_PER_ML;
}
