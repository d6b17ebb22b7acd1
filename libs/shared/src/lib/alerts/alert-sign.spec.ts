import { ALERT_CODES } from './alert.types';
import { limitSideOfAlertCode, signOfAlertCode } from './alert-sign';
import { DEFAULT_THRESHOLD_PROFILE } from './threshold-profile';

describe('the sign of an alert code', () => {
  it('names the sign and the side of the limit of each physiological alert', () => {
    expect(signOfAlertCode('SPO2_LOW')).toBe('spo2');
    expect(limitSideOfAlertCode('SPO2_LOW')).toBe('below');
    expect(signOfAlertCode('SYSTOLIC_HIGH')).toBe('systolic');
    expect(limitSideOfAlertCode('SYSTOLIC_HIGH')).toBe('above');
    expect(signOfAlertCode('DIASTOLIC_HIGH')).toBe('diastolic');
    expect(signOfAlertCode('HR_LOW')).toBe('heartRate');
    expect(limitSideOfAlertCode('HR_LOW')).toBe('below');
    expect(signOfAlertCode('RR_LOW')).toBe('respRate');
  });

  it('agrees with the sign and direction of every default rule', () => {
    for (const rule of DEFAULT_THRESHOLD_PROFILE.rules) {
      expect([rule.code, signOfAlertCode(rule.code), limitSideOfAlertCode(rule.code)]).toEqual([
        rule.code,
        rule.sign,
        rule.direction,
      ]);
    }
  });

  it('names no sign for technical and clinical alerts', () => {
    const ruled = new Set<string>(DEFAULT_THRESHOLD_PROFILE.rules.map((rule) => rule.code));
    const others = ALERT_CODES.filter((code) => !ruled.has(code));
    expect(others).toEqual(['SIGNAL_LOSS', 'BP_OVERDUE', 'SIDE_EFFECT_SEVERE', 'SUICIDE_RISK']);
    for (const code of others) {
      expect(signOfAlertCode(code)).toBeNull();
      expect(limitSideOfAlertCode(code)).toBeNull();
    }
  });
});
