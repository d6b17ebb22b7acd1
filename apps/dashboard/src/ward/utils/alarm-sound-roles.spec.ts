import { ROLES } from '@vigil/shared';
import { mayOpen } from '../../app/routes/route-access';
import { receivesLiveUpdates } from '../../realtime/utils/live-roles';
import { hearsAlarms } from './alarm-sound-roles';

describe('hearsAlarms', () => {
  it('sounds alarms for nurses and physicians, never for auditors or admins', () => {
    expect(ROLES.filter(hearsAlarms)).toEqual(['nurse', 'physician']);
  });

  it('only for roles that receive the live alerts and may open the ward, where the controls are', () => {
    for (const role of ROLES.filter(hearsAlarms)) {
      expect(receivesLiveUpdates(role)).toBe(true);
      expect(mayOpen(role, 'ward')).toBe(true);
    }
  });
});
