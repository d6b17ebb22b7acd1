import { infusionElapsedMs, type InfusionTimes } from '../sessions/infusion-clock';

export interface DoseOrder {
  doseMgPerKg: number;
  plannedDurationMin: number;
}

/**
 * Delivered (estimated from the planned rate): no administration record exists yet, so the dose
 * is taken to run at the order's constant rate over the planned duration: the ordered total times
 * the fraction of the planned duration infused, pauses excluded, never more than the total.
 * Rounded to 0.1 mg, like the ordered total.
 */
export function estimatedDeliveredMg(
  order: DoseOrder,
  weightKg: number,
  times: InfusionTimes,
  now: number,
): number {
  const plannedMs = order.plannedDurationMin * 60_000;
  if (plannedMs <= 0) return 0;
  const fraction = Math.min(1, infusionElapsedMs(times, now) / plannedMs);
  return Math.round(order.doseMgPerKg * weightKg * fraction * 10) / 10;
}
