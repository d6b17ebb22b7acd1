import fc from 'fast-check';
import { infusionPlan, orderedConcentration } from './infusion-plan';

describe('the infusion plan', () => {
  it('turns 40 mg over 40 minutes at 1 mg/mL into 40 mL at 60 mL/h', () => {
    expect(infusionPlan(40, 40, 1)).toEqual({
      concentrationMgPerMl: 1,
      volumeMl: 40,
      rateMlPerH: 60,
    });
  });

  it('delivers the ordered total over the planned duration, to the pump’s 0.1 mL/h', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4000 }).map((tenths) => tenths / 10),
        fc.integer({ min: 20, max: 120 }),
        fc.integer({ min: 1, max: 100 }).map((tenths) => tenths / 10),
        (totalDoseMg, plannedDurationMin, concentration) => {
          const plan = infusionPlan(totalDoseMg, plannedDurationMin, concentration);
          const deliveredAtRate = plan.rateMlPerH * (plannedDurationMin / 60) * concentration;
          // The rate is rounded to 0.1 mL/h: at most 0.05 mL/h off for the whole duration.
          expect(Math.abs(deliveredAtRate - totalDoseMg)).toBeLessThanOrEqual(
            0.05 * (plannedDurationMin / 60) * concentration + 1e-9,
          );
          expect(Math.abs(plan.volumeMl * concentration - totalDoseMg)).toBeLessThanOrEqual(
            0.05 * concentration + 1e-9,
          );
        },
      ),
    );
  });

  it('halves the rate when the concentration doubles', () => {
    expect(infusionPlan(40, 40, 2).rateMlPerH).toBe(30);
  });

  it('takes an order signed before the concentration was asked as the default strength', () => {
    expect(orderedConcentration(null)).toBe(1);
    expect(orderedConcentration({})).toBe(1);
    expect(orderedConcentration({ concentrationMgPerMl: 2 })).toBe(2);
  });
});
