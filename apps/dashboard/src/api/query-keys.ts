import type {
  AuditQueryInput,
  SessionSearchQueryInput,
  ThresholdProfileInput,
} from '@vigil/shared';

/** Every TanStack Query key the dashboard uses; invalidating a feature's `all` refreshes it all. */
export const queryKeys = {
  sessions: {
    all: ['sessions'] as const,
    live: () => ['sessions', 'list', { live: true }] as const,
    recentVitals: (sessionId: string) =>
      ['sessions', 'detail', sessionId, 'recent-vitals'] as const,
    detail: (sessionId: string) => ['sessions', 'detail', sessionId, 'summary'] as const,
    /** Every sample since the session began: the session screen's trend charts. */
    vitals: (sessionId: string) => ['sessions', 'detail', sessionId, 'vitals'] as const,
    log: (sessionId: string) => ['sessions', 'detail', sessionId, 'log'] as const,
    /** The controlled-substance record; the screen balances it against the live delivered dose. */
    ketamine: (sessionId: string) => ['sessions', 'detail', sessionId, 'ketamine'] as const,
    /** Read again at each revision of the session: a physician may have changed them. */
    limits: (sessionId: string, revision: number) =>
      ['sessions', 'detail', sessionId, 'limits', revision] as const,
    dischargeReadiness: (sessionId: string) =>
      ['sessions', 'detail', sessionId, 'discharge-readiness'] as const,
    /** Every day's list the screen holds; a session's change is applied to each. */
    allSchedules: ['sessions', 'schedule'] as const,
    /** The day's list, `YYYY-MM-DD`. */
    schedule: (date: string) => ['sessions', 'schedule', date] as const,
  },
  patients: {
    all: ['patients'] as const,
    detail: (patientId: string) => ['patients', 'detail', patientId] as const,
    /** Every search of the register; a newly registered patient makes each one stale. */
    searches: ['patients', 'search'] as const,
    search: (text: string) => ['patients', 'search', text] as const,
    course: (patientId: string) => ['patients', 'detail', patientId, 'course'] as const,
    /** One infusion's vitals, overlaid on the course's trends. */
    courseVitals: (patientId: string, sessionId: string) =>
      ['patients', 'detail', patientId, 'course-vitals', sessionId] as const,
  },
  followUps: {
    all: ['follow-ups'] as const,
    due: (date: string) => ['follow-ups', 'due', date] as const,
  },
  /**
   * The auditor's searches, apart from `sessions` so that the realtime effect's refreshes never
   * repeat a search (each one is an audited read).
   */
  sessionSearch: {
    all: ['session-search'] as const,
    results: (query: SessionSearchQueryInput) => ['session-search', query] as const,
  },
  thresholdProfiles: {
    all: ['threshold-profiles'] as const,
    list: () => ['threshold-profiles', 'list'] as const,
    previewableSessions: () => ['threshold-profiles', 'previewable-sessions'] as const,
    /** Keyed by the profile's content: the saved profile and an identical draft share one replay. */
    preview: (sessionId: string, profile: ThresholdProfileInput) =>
      ['threshold-profiles', 'preview', sessionId, profile] as const,
  },
  bays: {
    all: ['bays'] as const,
    list: () => ['bays', 'list'] as const,
    /** The chairs whose probe-change alarms are suspended; kept current by the realtime effect. */
    alarmSuspends: () => ['bays', 'alarm-suspends'] as const,
  },
  alerts: {
    all: ['alerts'] as const,
    /** Every active or acknowledged alert across the ward; the realtime effect keeps it current. */
    open: () => ['alerts', 'list', { open: true }] as const,
    /** Every alert of one session, resolved ones too: the episodes shaded on its trends. */
    ofSession: (sessionId: string) => ['alerts', 'list', { sessionId }] as const,
    /** Whom one alert reached; read again on every event of the alert. */
    deliveries: (alertId: string) => ['alerts', 'deliveries', alertId] as const,
  },
  /**
   * Notices of drafted orders told to this physician by the socket, until signed or dismissed;
   * held on screen only, never read from the server (the waiting list is read instead).
   */
  orderNotices: () => ['order-notices'] as const,
  duty: {
    all: ['duty'] as const,
    current: () => ['duty', 'current'] as const,
    clinicians: () => ['duty', 'clinicians'] as const,
  },
  users: {
    all: ['users'] as const,
    list: () => ['users', 'list'] as const,
  },
  devices: {
    all: ['devices'] as const,
    list: () => ['devices', 'list'] as const,
  },
  audit: {
    all: ['audit'] as const,
    /** Every list of entries, whatever its filters; not the chain's verification. */
    allEntries: ['audit', 'entries'] as const,
    entries: (query: AuditQueryInput) => ['audit', 'entries', query] as const,
    verification: () => ['audit', 'verification'] as const,
  },
  /** What Vigil says of its own delay, frame by frame (never fetched: frames bring it). */
  systemDelay: ['system-delay'] as const,
};
