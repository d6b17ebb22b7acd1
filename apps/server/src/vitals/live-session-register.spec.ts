import { Subject } from 'rxjs';
import { systemPrincipal, type Principal } from '../auth/principal';
import type { ClinicianGateway } from '../realtime/clinician.gateway';
import { LiveSessionRegister } from './live-session-register';
import type { IngestSession } from './vitals-group-commit';

const SCREEN = systemPrincipal('nurse-screen');

function session(id: string, changes: Partial<IngestSession> = {}): IngestSession {
  return {
    id,
    bay: '1',
    state: 'infusing',
    thresholdProfileId: 'default',
    limits: null,
    assessment: null,
    ...changes,
  };
}

describe('LiveSessionRegister', () => {
  let changes: Subject<string>;
  let register: LiveSessionRegister;

  beforeEach(() => {
    changes = new Subject<string>();
    register = new LiveSessionRegister({
      sessionsChanged: changes.asObservable(),
    } as unknown as ClinicianGateway);
  });

  afterEach(() => register.onModuleDestroy());

  function read(...found: IngestSession[]): void {
    register.endRead(register.beginRead(), found);
  }

  it('holds nothing until a read has found the session', () => {
    expect(register.judgeable(SCREEN, 'a')).toBeNull();
    read(session('a'));
    expect(register.judgeable(SCREEN, 'a')).toMatchObject({ id: 'a', state: 'infusing' });
  });

  it('holds only sessions that accept readings, and a device only in its own bay', () => {
    read(session('a', { state: 'discharged' }), session('b', { bay: '2' }));
    expect(register.judgeable(SCREEN, 'a')).toBeNull();
    const device = (bay: string | null): Principal => ({
      kind: 'device',
      deviceId: 'monitor',
      label: 'Monitor',
      bay,
    });
    expect(register.judgeable(device('2'), 'b')).not.toBeNull();
    expect(register.judgeable(device(null), 'b')).not.toBeNull();
    expect(register.judgeable(device('3'), 'b')).toBeNull();
  });

  it('lets go of a session as soon as it changes', () => {
    read(session('a'));
    changes.next('a');
    expect(register.judgeable(SCREEN, 'a')).toBeNull();
  });

  it('never brings back a session from a read that began before it changed', () => {
    read(session('a'));
    const before = register.beginRead();
    changes.next('a');
    register.endRead(before, [session('a', { limits: 'old' })]);
    expect(register.judgeable(SCREEN, 'a')).toBeNull();

    read(session('a', { limits: 'new' }));
    expect(register.judgeable(SCREEN, 'a')).toMatchObject({ limits: 'new' });
  });

  it('keeps the newer of two overlapping reads, whichever ends last', () => {
    const older = register.beginRead();
    const newer = register.beginRead();
    register.endRead(newer, [session('a', { limits: 'new' })]);
    register.endRead(older, [session('a', { limits: 'old' })]);
    expect(register.judgeable(SCREEN, 'a')).toMatchObject({ limits: 'new' });
  });

  it('lets go of a session that a read finds ended', () => {
    read(session('a'));
    read(session('a', { state: 'aborted' }));
    expect(register.judgeable(SCREEN, 'a')).toBeNull();
  });
});
