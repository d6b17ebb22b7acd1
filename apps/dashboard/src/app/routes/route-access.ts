import { ROLE_HOME, type Role } from '@vigil/shared';

export interface PageAccess {
  path: string;
  label: string;
  roles: readonly Role[];
  /** false for a page opened from another (one session), not from the top bar. */
  inMenu?: boolean;
}

/**
 * Every page behind the login, and the roles that may open it; the top bar links follow this.
 * The ward follows the server, which refuses admins patient data (GET /sessions → 403, the
 * clinicians' socket → `forbidden`): an admin manages accounts and devices, not patients.
 */
export const PAGES = {
  ward: { path: '/ward', label: 'Ward', roles: ['nurse', 'physician'] },
  /** The day's list: who is expected in which chair, and whether their order is signed. */
  today: { path: '/today', label: 'Today', roles: ['nurse', 'physician'] },
  /** Find or register a patient and schedule their session; `?bay=` names the chair. */
  admit: { path: '/admit', label: 'Admit', roles: ['nurse', 'physician'] },
  alerts: { path: '/alerts', label: 'Alerts', roles: ['nurse', 'physician', 'auditor'] },
  /**
   * A phone's view of the alerts routed to its holder, kept awake while open: where the installed
   * app starts (its manifest's start_url), not a link of the desk's menu.
   */
  onCall: { path: '/on-call', label: 'On call', roles: ['nurse', 'physician'], inMenu: false },
  /** The calls and appointments after discharge that are due today or overdue. */
  followUps: { path: '/follow-ups', label: 'Follow-ups', roles: ['nurse', 'physician'] },
  session: {
    path: '/sessions',
    label: 'Session',
    roles: ['nurse', 'physician', 'auditor'],
    inMenu: false,
  },
  /** One patient's treatment course, opened from a session's screen. */
  course: {
    path: '/patients',
    label: 'Treatment course',
    roles: ['nurse', 'physician', 'auditor'],
    inMenu: false,
  },
  /**
   * Before `audit`, whose path is its prefix: a session's log belongs here, not to the audit trail.
   * Searching sessions reads patient records, which admins may not see.
   */
  sessionLogs: {
    path: '/audit/sessions',
    label: 'Session logs',
    roles: ['physician', 'auditor'],
  },
  /** Alarm load for the alarm-settings review (NPSG.06.01.01). */
  analytics: { path: '/analytics', label: 'Alarm load', roles: ['physician', 'auditor'] },
  audit: { path: '/audit', label: 'Audit', roles: ['auditor', 'admin'] },
  /** Threshold profiles: physicians set clinical limits; admins change none (contract: roles). */
  limits: { path: '/limits', label: 'Limits', roles: ['physician'] },
  admin: { path: '/admin', label: 'Admin', roles: ['admin'] },
} as const satisfies Record<string, PageAccess>;

export type PageId = keyof typeof PAGES;

const PAGE_IDS = Object.keys(PAGES) as PageId[];

export const LOGIN_PATH = '/login';

export function mayOpen(role: Role, page: PageId): boolean {
  return (PAGES[page].roles as readonly Role[]).includes(role);
}

/** The top bar's links for a role. */
export function pagesFor(role: Role): PageAccess[] {
  return PAGE_IDS.filter((page) => mayOpen(role, page))
    .map((page): PageAccess => PAGES[page])
    .filter((page) => page.inMenu !== false);
}

/** The address of one session's screen. */
export function sessionPath(sessionId: string): string {
  return `${PAGES.session.path}/${encodeURIComponent(sessionId)}`;
}

/** The admission, for a chair when one is named (an empty chair's "Admit to this chair"). */
export function admitPath(bay?: string): string {
  return bay ? `${PAGES.admit.path}?bay=${encodeURIComponent(bay)}` : PAGES.admit.path;
}

/** The address of one patient's treatment course. */
export function coursePath(patientId: string): string {
  return `${PAGES.course.path}/${encodeURIComponent(patientId)}/course`;
}

/** The address of one session's log (timeline and downloads), opened from a search. */
export function sessionLogPath(sessionId: string): string {
  return `${PAGES.sessionLogs.path}/${encodeURIComponent(sessionId)}`;
}

/** The page a location belongs to (`/audit?actor=x` → audit), if any. */
export function pageForPath(location: string): PageId | undefined {
  const pathname = location.split(/[?#]/, 1)[0] ?? '';
  return PAGE_IDS.find(
    (page) => pathname === PAGES[page].path || pathname.startsWith(`${PAGES[page].path}/`),
  );
}

/**
 * Where a user lands after login: back where they were sent away from, when their role may open
 * it (a kiosk may be signed in again by someone else), else their role's home.
 */
export function landingPath(role: Role, from: string | undefined): string {
  // Only a path inside this app; `//host` would be another origin.
  const inApp = from !== undefined && from.startsWith('/') && !from.startsWith('//');
  const page = inApp ? pageForPath(from) : undefined;
  return page && mayOpen(role, page) ? from! : ROLE_HOME[role];
}

/** The `from` a guard put in the login route's state, if any. */
export function readFrom(state: unknown): string | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const { from } = state as Record<string, unknown>;
  return typeof from === 'string' ? from : undefined;
}
