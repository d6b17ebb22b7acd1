import { infusionPlan } from '@vigil/shared';
import { formatDose, totalDoseMg } from '../utils/order-dose';

interface OrderTotalProps {
  weightKg: number;
  dose: number | undefined;
  minutes: number | undefined;
  concentration: number | undefined;
}

const positive = (value: number | undefined): value is number =>
  value !== undefined && Number.isFinite(value) && value > 0;

/** The total and the pump rate the typed order comes to at the patient's weight today. */
export function OrderTotal({ weightKg, dose, minutes, concentration }: OrderTotalProps) {
  const total = positive(dose) ? totalDoseMg(dose, weightKg) : undefined;
  const plan =
    total !== undefined && positive(minutes) && positive(concentration)
      ? infusionPlan(total, minutes, concentration)
      : undefined;
  return (
    <>
      <p className="form-field__hint" data-testid="order-total">
        {total !== undefined
          ? `${formatDose(total)} mg total for ${formatDose(weightKg)} kg`
          : `Patient weight ${formatDose(weightKg)} kg`}
      </p>
      {plan && (
        <p className="form-field__hint" data-testid="order-pump-rate">
          Pump {plan.rateMlPerH} mL/h ({plan.volumeMl} mL at {plan.concentrationMgPerMl} mg/mL)
        </p>
      )}
    </>
  );
}
