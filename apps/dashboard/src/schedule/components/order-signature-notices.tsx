import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { queryKeys } from '../../api/query-keys';
import { PAGES, sessionPath } from '../../app/routes/route-access';
import { formatLocalHourMinute } from '../../ui/utils/format-date-time';
import { patientIdentifiers } from '../../ui/utils/patient-identifiers';
import { formatDose } from '../../session/utils/order-dose';
import { useAwaitingSignature } from '../hooks/use-awaiting-signature';
import { dismissOrderNotice, type OrderNotices } from '../utils/order-notices';
import './order-signature-notices.css';

/** Where the badge leads: the physician's waiting-for-signature list, on the alerts page. */
export const AWAITING_SIGNATURE_LIST_PATH = `${PAGES.alerts.path}#awaiting-signature-title`;

const NO_NOTICES: OrderNotices = [];

function useOrderNotices(): OrderNotices {
  const queryClient = useQueryClient();
  const queryKey = queryKeys.orderNotices();
  // Filled by the realtime effect; the "read" only keeps what it holds.
  const { data } = useQuery({
    queryKey,
    queryFn: () => queryClient.getQueryData<OrderNotices>(queryKey) ?? NO_NOTICES,
    staleTime: Infinity,
  });
  return data ?? NO_NOTICES;
}

/**
 * For physicians, in the top bar: how many dose orders wait for a signature, linked to the list,
 * and a notice for each one the server told of since (until signed or dismissed).
 */
export function OrderSignatureNotices() {
  const queryClient = useQueryClient();
  const { waiting, loaded, known } = useAwaitingSignature();
  const signed = new Set(known.filter((session) => session.order).map((session) => session.id));
  // A notice whose order the lists know to be signed (told while this screen was away) is done.
  const notices = useOrderNotices().filter((notice) => !signed.has(notice.sessionId));
  const count = waiting.length;
  return (
    <>
      {loaded && count > 0 && (
        <Link
          className="order-badge"
          to={AWAITING_SIGNATURE_LIST_PATH}
          data-testid="awaiting-signature-badge"
          aria-label={`${count} dose ${count === 1 ? 'order waits' : 'orders wait'} for a signature`}
        >
          <span aria-hidden="true">Orders to sign</span>{' '}
          <span className="order-badge__count" aria-hidden="true">
            {count}
          </span>
        </Link>
      )}
      {notices.length > 0 && (
        <ul className="order-notices" role="status" aria-label="New orders to sign">
          {notices.map((notice) => (
            <li key={notice.sessionId} className="order-notices__notice" data-testid="order-notice">
              <p>
                <strong>Order to sign</strong> · Bay {notice.bay} ·{' '}
                {patientIdentifiers(notice.patient)} · {formatDose(notice.doseMgPerKg)} mg/kg ·{' '}
                {formatLocalHourMinute(notice.scheduledAt)} · drafted by{' '}
                {notice.draftedByName ?? notice.draftedBy}
              </p>
              <Link
                className="button button--primary"
                to={sessionPath(notice.sessionId)}
                onClick={() => dismissOrderNotice(queryClient, notice.sessionId)}
              >
                Open to sign
              </Link>{' '}
              <button
                className="button"
                type="button"
                onClick={() => dismissOrderNotice(queryClient, notice.sessionId)}
              >
                Dismiss
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
