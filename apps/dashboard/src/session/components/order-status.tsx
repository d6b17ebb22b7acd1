import type { SessionOrder } from '@vigil/shared';
import { formatLocalHourMinute } from '../../ui/utils/format-date-time';

export const AWAITING_SIGNATURE = 'Waiting for a physician’s signature';

/** Whether the dose is a physician's signed order yet, beside the dose itself. */
export function OrderStatus({ order }: { order: SessionOrder | null }) {
  return (
    <p
      className="session-header__order"
      data-testid="order-status"
      data-signed={order ? true : undefined}
    >
      {order
        ? `Order signed by ${order.signedByName ?? order.signedBy} at ${formatLocalHourMinute(order.signedAt)}`
        : AWAITING_SIGNATURE}
    </p>
  );
}
