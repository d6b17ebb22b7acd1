import type { QueryClient } from '@tanstack/react-query';
import type { OrderAwaitingSignature, OrderSigned, Session } from '@vigil/shared';
import { queryKeys } from '../../api/query-keys';

export type OrderNotices = readonly OrderAwaitingSignature[];

/**
 * `order.awaiting-signature`: a notice for this physician, and the day's lists read again, since a
 * session just scheduled is on none of them yet (a scheduled session is not on the ward).
 */
export function applyOrderAwaiting(queryClient: QueryClient, notice: OrderAwaitingSignature) {
  queryClient.setQueryData<OrderNotices>(queryKeys.orderNotices(), (current = []) => [
    ...current.filter((held) => held.sessionId !== notice.sessionId),
    notice,
  ]);
  void queryClient.invalidateQueries({ queryKey: queryKeys.sessions.allSchedules });
}

/**
 * `order.signed`: its notice goes, and a list that still holds the session unsigned is read again
 * (a screen that watches one session does not hear the ward's `session.updated`).
 */
export function applyOrderSigned(queryClient: QueryClient, { sessionId }: OrderSigned) {
  dismissOrderNotice(queryClient, sessionId);
  const unsigned = (list: readonly Session[] | undefined) =>
    list?.some((session) => session.id === sessionId && session.order === null) ?? false;
  void queryClient.invalidateQueries({
    queryKey: queryKeys.sessions.all,
    predicate: (query) =>
      (query.queryKey[1] === 'schedule' || query.queryKey[1] === 'list') &&
      unsigned(query.state.data as readonly Session[] | undefined),
  });
}

export function dismissOrderNotice(queryClient: QueryClient, sessionId: string) {
  queryClient.setQueryData<OrderNotices>(queryKeys.orderNotices(), (current) =>
    current?.filter((held) => held.sessionId !== sessionId),
  );
}
