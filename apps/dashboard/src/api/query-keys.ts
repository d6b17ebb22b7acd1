/** Every TanStack Query key the dashboard uses; invalidating `sessions.all` refreshes them all. */
export const queryKeys = {
  sessions: {
    all: ['sessions'] as const,
    live: () => ['sessions', 'list', { live: true }] as const,
    recentVitals: (sessionId: string) =>
      ['sessions', 'detail', sessionId, 'recent-vitals'] as const,
  },
};
