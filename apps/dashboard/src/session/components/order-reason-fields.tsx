import { TextField } from '../../ui/components/form-field';
import { isHighDose, isOutsideProtocol } from '../utils/order-dose';

interface OrderReasonFieldsProps {
  /** Prefixes the fields' ids, so two forms on one page never share one. */
  idPrefix: string;
  dose: number | undefined;
  minutes: number | undefined;
  highDoseReason: string;
  durationOverrideReason: string;
  onHighDoseReason: (value: string) => void;
  onDurationOverrideReason: (value: string) => void;
  errors: { highDoseReason?: string; durationOverrideReason?: string };
}

/** The reasons an order outside the protocol needs, asked only when it is outside it. */
export function OrderReasonFields(props: OrderReasonFieldsProps) {
  return (
    <>
      {isHighDose(props.dose) && (
        <TextField
          id={`${props.idPrefix}-high-dose-reason`}
          label="Reason for a dose above 1 mg/kg"
          value={props.highDoseReason}
          onValueChange={props.onHighDoseReason}
          error={props.errors.highDoseReason}
        />
      )}
      {isOutsideProtocol(props.minutes) && (
        <TextField
          id={`${props.idPrefix}-duration-reason`}
          label="Reason for a duration outside 40–60 min"
          value={props.durationOverrideReason}
          onValueChange={props.onDurationOverrideReason}
          error={props.errors.durationOverrideReason}
        />
      )}
    </>
  );
}
