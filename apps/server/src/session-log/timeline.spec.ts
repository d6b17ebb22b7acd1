import type { AuditEntry } from '@vigil/shared';
import { timelineEvents } from './timeline';

const observation = (scores: Record<string, number>): AuditEntry => ({
  seq: 1,
  at: '2026-12-01T10:20:00.000Z',
  actor: 'nurse',
  role: 'nurse',
  action: 'observation.recorded',
  entity: 'observation',
  entityId: 'o-1',
  sessionId: 's-1',
  detail: { type: 'dissociation', severity: 'mild', scores },
  hash: 'h',
  prevHash: 'p',
});

describe('the session timeline', () => {
  it('names each score as clinicians write it: CADSS-6 for the short form', () => {
    const [event] = timelineEvents([observation({ cadss: 20, cadss6: 7, moaas: 4 })]);
    expect(event?.summary).toBe('dissociation (mild) · CADSS 20, CADSS-6 7, MOAAS 4');
  });
});
