import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { AlarmSuspend, AlarmSuspendChanged } from '@vigil/shared';
import { apiClient } from '../../api/api-client';
import { queryKeys } from '../../api/query-keys';

/** The chairs whose probe-change alarms are suspended now, kept current by the realtime effect. */
export function useAlarmSuspends() {
  return useQuery({
    queryKey: queryKeys.bays.alarmSuspends(),
    queryFn: ({ signal }) => apiClient.listAlarmSuspends(signal),
    staleTime: Infinity,
  });
}

/** `alarm-suspend.changed`: the chair's suspend replaced, or gone. */
export function applyAlarmSuspendChange(queryClient: QueryClient, changed: AlarmSuspendChanged) {
  queryClient.setQueryData<AlarmSuspend[]>(queryKeys.bays.alarmSuspends(), (current) =>
    withSuspend(current ?? [], changed),
  );
}

function withSuspend(suspends: readonly AlarmSuspend[], { bay, suspend }: AlarmSuspendChanged) {
  const others = suspends.filter((known) => known.bay !== bay);
  return suspend ? [...others, suspend] : others;
}

const PROBE_CHANGE = 'Probe change';

/** Start or end one chair's suspend; the answer goes into the list at once. */
export function useAlarmSuspendToggle(bay: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (suspend: boolean) =>
      suspend
        ? apiClient.suspendAlarms(bay, { reason: PROBE_CHANGE })
        : apiClient.endAlarmSuspend(bay).then(() => null),
    onSuccess: (suspend) => applyAlarmSuspendChange(queryClient, { bay, suspend }),
  });
}
