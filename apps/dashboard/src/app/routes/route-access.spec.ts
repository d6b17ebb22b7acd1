import { ROLE_HOME, ROLES } from '@vigil/shared';
import {
  admitPath,
  coursePath,
  landingPath,
  mayOpen,
  pageForPath,
  pagesFor,
  readFrom,
  sessionLogPath,
  sessionPath,
} from './route-access';

describe('route access', () => {
  it.each(ROLES)('lets a %s open its own home page', (role) => {
    const home = pageForPath(ROLE_HOME[role]);
    expect(home).toBeDefined();
    expect(mayOpen(role, home!)).toBe(true);
  });

  it('links each role only to the pages it may open', () => {
    const paths = (role: (typeof ROLES)[number]) => pagesFor(role).map((page) => page.path);
    expect(paths('nurse')).toEqual(['/ward', '/today', '/admit', '/alerts', '/follow-ups']);
    expect(paths('physician')).toEqual([
      '/ward',
      '/today',
      '/admit',
      '/alerts',
      '/follow-ups',
      '/audit/sessions',
      '/analytics',
      '/limits',
    ]);
    expect(paths('auditor')).toEqual(['/alerts', '/audit/sessions', '/analytics', '/audit']);
    expect(paths('admin')).toEqual(['/audit', '/admin']);
  });

  it('opens the admission for a named chair', () => {
    expect(admitPath()).toBe('/admit');
    expect(admitPath('B 4')).toBe('/admit?bay=B%204');
    expect(pageForPath(admitPath('2'))).toBe('admit');
    expect(mayOpen('auditor', 'admit')).toBe(false);
  });

  it('opens a session’s screen to clinicians and auditors, never from the top bar', () => {
    expect(pageForPath(sessionPath('s/1'))).toBe('session');
    expect(sessionPath('s/1')).toBe('/sessions/s%2F1');
    expect(mayOpen('nurse', 'session')).toBe(true);
    expect(mayOpen('physician', 'session')).toBe(true);
    expect(mayOpen('auditor', 'session')).toBe(true);
    expect(mayOpen('admin', 'session')).toBe(false);
    expect(landingPath('auditor', '/sessions/s-1')).toBe('/sessions/s-1');
  });

  it('opens a patient’s course from a session to clinicians and auditors, never from the top bar', () => {
    expect(coursePath('p/1')).toBe('/patients/p%2F1/course');
    expect(pageForPath(coursePath('p-1'))).toBe('course');
    expect(mayOpen('auditor', 'course')).toBe(true);
    expect(mayOpen('admin', 'course')).toBe(false);
    expect(landingPath('nurse', '/patients/p-1/course')).toBe('/patients/p-1/course');
  });

  it('opens the follow-ups list to nurses and physicians, who make the calls', () => {
    expect(pageForPath('/follow-ups')).toBe('followUps');
    expect(mayOpen('nurse', 'followUps')).toBe(true);
    expect(mayOpen('physician', 'followUps')).toBe(true);
    expect(mayOpen('auditor', 'followUps')).toBe(false);
    expect(mayOpen('admin', 'followUps')).toBe(false);
  });

  it('opens the alert inbox to clinicians and auditors, not to admins', () => {
    expect(pageForPath('/alerts')).toBe('alerts');
    expect(mayOpen('physician', 'alerts')).toBe(true);
    expect(mayOpen('auditor', 'alerts')).toBe(true);
    expect(mayOpen('admin', 'alerts')).toBe(false);
    expect(landingPath('nurse', '/alerts')).toBe('/alerts');
  });

  it('opens session logs to auditors and physicians, never to admins, who see no patient', () => {
    expect(pageForPath(sessionLogPath('s/1'))).toBe('sessionLogs');
    expect(sessionLogPath('s/1')).toBe('/audit/sessions/s%2F1');
    expect(pageForPath('/audit/sessions?patient=MRN')).toBe('sessionLogs');
    expect(mayOpen('auditor', 'sessionLogs')).toBe(true);
    expect(mayOpen('physician', 'sessionLogs')).toBe(true);
    expect(mayOpen('admin', 'sessionLogs')).toBe(false);
    expect(landingPath('admin', '/audit/sessions/s-1')).toBe('/admin');
  });

  it('opens the clinical limits to physicians only: admins change no clinical limit', () => {
    expect(pageForPath('/limits')).toBe('limits');
    expect(mayOpen('physician', 'limits')).toBe(true);
    for (const role of ['nurse', 'auditor', 'admin'] as const) {
      expect(mayOpen(role, 'limits')).toBe(false);
    }
    expect(landingPath('admin', '/limits')).toBe('/admin');
  });

  it('finds the page of a location with a query or a sub-path', () => {
    expect(pageForPath('/audit?actor=nurse')).toBe('audit');
    expect(pageForPath('/admin/users')).toBe('admin');
    expect(pageForPath('/administrator')).toBeUndefined();
  });

  it('returns to the page the user was sent away from when the role may open it', () => {
    expect(landingPath('auditor', '/audit?actor=nurse')).toBe('/audit?actor=nurse');
  });

  it('sends a role to its home instead of a page it may not open', () => {
    expect(landingPath('nurse', '/admin')).toBe('/ward');
    expect(landingPath('auditor', undefined)).toBe('/audit');
  });

  it('never follows a return address outside the app', () => {
    expect(landingPath('admin', '//evil.example/admin')).toBe('/admin');
    expect(landingPath('admin', 'https://evil.example/ward')).toBe('/admin');
  });

  it('reads the return address only from a well-formed state', () => {
    expect(readFrom({ from: '/ward' })).toBe('/ward');
    expect(readFrom({ from: 3 })).toBeUndefined();
    expect(readFrom(null)).toBeUndefined();
  });
});
