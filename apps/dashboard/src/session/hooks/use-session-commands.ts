import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import {
  isLiveSession,
  type AssessmentInput,
  type InterventionInput,
  type ObservationInput,
  type OutcomeInput,
  type OrderInput,
  type PumpEventInput,
  type OverrideInput,
  type Session,
} from '@vigil/shared';
import {
  apiClient,
  type SessionTransition,
  type SessionTransitionBodies,
} from '../../api/api-client';
import { queryKeys } from '../../api/query-keys';
import {
  dropAlertsOfEndedSession,
  mergeNewestSession,
} from '../../realtime/utils/apply-realtime-events';

/**
 * The server's answer is the session as it stood when it answered: show it, and move the ward
 * with it, unless an event has already told of a later change.
 */
function applySession(queryClient: QueryClient, session: Session) {
  if (!mergeNewestSession(queryClient, session)) return;
  // The screen that sent the command shows its answer even before its own read has come back.
  queryClient.setQueryData<Session>(
    queryKeys.sessions.detail(session.id),
    (current) => current ?? session,
  );
  if (!isLiveSession(session.state)) dropAlertsOfEndedSession(queryClient, session.id);
}

function refreshLog(queryClient: QueryClient, sessionId: string) {
  void queryClient.invalidateQueries({ queryKey: queryKeys.sessions.log(sessionId), exact: true });
}

export function useRecordAssessment(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AssessmentInput) => apiClient.recordAssessment(sessionId, input),
    onSuccess: (session) => applySession(queryClient, session),
    onSettled: () => refreshLog(queryClient, sessionId),
  });
}

export function useSignOrder(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: OrderInput) => apiClient.signOrder(sessionId, input),
    onSuccess: (session) => applySession(queryClient, session),
    onSettled: () => refreshLog(queryClient, sessionId),
  });
}

export function useRecordOverride(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: OverrideInput) => apiClient.recordOverride(sessionId, input),
    onSuccess: (session) => applySession(queryClient, session),
    onSettled: () => refreshLog(queryClient, sessionId),
  });
}

export interface TransitionRequest<T extends SessionTransition = SessionTransition> {
  transition: T;
  body: SessionTransitionBodies[T];
}

export function useSessionTransition(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ transition, body }: TransitionRequest) =>
      apiClient.transitionSession(sessionId, transition, body),
    onSuccess: (session) => applySession(queryClient, session),
    onSettled: () => refreshLog(queryClient, sessionId),
  });
}

/** The pump's record; a start, pause, resume or stop moves the session with it. */
export function useRecordPumpEvent(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PumpEventInput) => apiClient.recordPumpEvent(sessionId, input),
    onSuccess: (session) => applySession(queryClient, session),
    onSettled: () => refreshLog(queryClient, sessionId),
  });
}

export function useRecordObservation(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ObservationInput) => apiClient.recordObservation(sessionId, input),
    onSuccess: () => refreshLog(queryClient, sessionId),
  });
}

export function useRecordOutcome(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: OutcomeInput) => apiClient.recordOutcome(sessionId, input),
    onSuccess: () => refreshLog(queryClient, sessionId),
  });
}

export function useRecordIntervention(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InterventionInput) => apiClient.recordIntervention(sessionId, input),
    onSuccess: () => refreshLog(queryClient, sessionId),
  });
}
