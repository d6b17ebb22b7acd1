import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateDeviceInput, Device } from '@vigil/shared';
import { apiClient } from '../../api/api-client';
import { queryKeys } from '../../api/query-keys';
import { replaceById } from '../utils/replace-by-id';

export function useDevices() {
  return useQuery({
    queryKey: queryKeys.devices.list(),
    queryFn: ({ signal }) => apiClient.listDevices(signal),
  });
}

/**
 * Registers a device. The answer carries the device's key, so it is never put in the query cache
 * and the mutation is dropped as soon as nothing shows it (`gcTime: 0`).
 */
export function useRegisterDevice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateDeviceInput) => apiClient.registerDevice(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.devices.all }),
    gcTime: 0,
  });
}

export function useRevokeDevice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deviceId: string) => apiClient.revokeDevice(deviceId),
    onSuccess: (revoked) => {
      queryClient.setQueryData<Device[]>(
        queryKeys.devices.list(),
        (devices) => devices && replaceById(devices, revoked),
      );
    },
  });
}
