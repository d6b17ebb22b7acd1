import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CourseInfusion } from '@vigil/shared';
import { apiClient } from '../../api/api-client';
import { queryKeys } from '../../api/query-keys';

/** The patient's infusions side by side (an audited read). */
export function useCourse(patientId: string) {
  return useQuery({
    queryKey: queryKeys.patients.course(patientId),
    queryFn: ({ signal }) => apiClient.getCourse(patientId, signal),
  });
}

/**
 * Each overlaid infusion's readings since its start, in the infusions' order (one audited read
 * per session, not repeated while the screen is open); undefined until every one has come.
 */
export function useCourseVitals(patientId: string, infusions: readonly CourseInfusion[]) {
  return useQueries({
    queries: infusions.map((infusion) => ({
      queryKey: queryKeys.patients.courseVitals(patientId, infusion.sessionId),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        apiClient.listSessionVitals(infusion.sessionId, new Date(infusion.date), signal),
      staleTime: Infinity,
    })),
    combine: (results) => ({
      samples: results.every((result) => result.data !== undefined)
        ? results.map((result) => result.data ?? [])
        : undefined,
      error: results.find((result) => result.error)?.error ?? null,
    }),
  });
}

export function usePlanCourse(patientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (plannedInfusions: number) => apiClient.planCourse(patientId, plannedInfusions),
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: queryKeys.patients.course(patientId) }),
  });
}
