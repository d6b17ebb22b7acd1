import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreatePatientInput, CreateSessionInput } from '@vigil/shared';
import { apiClient } from '../../api/api-client';
import { queryKeys } from '../../api/query-keys';

export function useRegisterPatient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreatePatientInput) => apiClient.registerPatient(input),
    onSuccess: (patient) => {
      queryClient.setQueryData(queryKeys.patients.detail(patient.id), patient);
      void queryClient.invalidateQueries({ queryKey: queryKeys.patients.searches });
    },
  });
}

/** The new session joins the day's list and the chairs at once. */
export function useScheduleSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateSessionInput) => apiClient.scheduleSession(input),
    onSuccess: (session) => {
      queryClient.setQueryData(queryKeys.sessions.detail(session.id), session);
      void queryClient.invalidateQueries({ queryKey: queryKeys.sessions.allSchedules });
      void queryClient.invalidateQueries({ queryKey: queryKeys.bays.all });
    },
  });
}
