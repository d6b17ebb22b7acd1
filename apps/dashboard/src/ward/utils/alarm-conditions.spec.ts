import { anAlert } from '../../../test/alert.fixture';
import { audiblePriority, CONNECTION_LOST, soundingConditions } from './alarm-conditions';

describe('soundingConditions and audiblePriority', () => {
  it('sounds the highest priority among unacknowledged alerts', () => {
    const alerts = [
      anAlert({ id: 'm', priority: 'medium' }),
      anAlert({ id: 'h', priority: 'high' }),
      anAlert({ id: 'l', priority: 'low' }),
    ];
    expect(audiblePriority(soundingConditions(alerts))).toBe('high');
  });

  it('keeps acknowledged alerts silent', () => {
    const alerts = [
      anAlert({ id: 'h', priority: 'high', state: 'acknowledged' }),
      anAlert({ id: 'm', priority: 'medium' }),
    ];
    expect(soundingConditions(alerts)).toEqual([{ id: 'm', priority: 'medium' }]);
    expect(audiblePriority(soundingConditions(alerts))).toBe('medium');
  });

  it('is silent for low-priority alerts only, and for none', () => {
    expect(audiblePriority(soundingConditions([anAlert({ priority: 'low' })]))).toBeNull();
    expect(audiblePriority(soundingConditions([]))).toBeNull();
  });

  it('sounds a lost connection as a medium technical alarm, even with no alert open', () => {
    const conditions = soundingConditions([], { connectionLost: true });
    expect(conditions).toEqual([CONNECTION_LOST]);
    expect(audiblePriority(conditions)).toBe('medium');
  });

  it('lets a high alarm the screen still knows of sound over the lost connection', () => {
    const conditions = soundingConditions([anAlert({ id: 'h', priority: 'high' })], {
      connectionLost: true,
    });
    expect(audiblePriority(conditions)).toBe('high');
  });
});
