import fc from 'fast-check';
import { bloodPressureDueS, silentSigns } from './technical-alarms';
import { DEFAULT_THRESHOLD_PROFILE } from './threshold-profile';

const NOW = Date.parse('2026-11-25T10:00:00.000Z');

describe('technical alarms', () => {
  it('finds SpO2 silent although heart rate keeps coming (a probe off the finger)', () => {
    expect(silentSigns({ spo2: NOW - 45_000, heartRate: NOW - 1_000 }, 0, NOW, 30)).toEqual({
      signs: ['spo2'],
      silentS: 45,
    });
    expect(silentSigns({ spo2: NOW - 1_000, heartRate: NOW - 31_000 }, 0, NOW, 30).signs).toEqual([
      'heartRate',
    ]);
  });

  it('counts a sign never received from the start of the watch', () => {
    expect(silentSigns({ spo2: null, heartRate: null }, NOW - 31_000, NOW, 30)).toEqual({
      signs: ['spo2', 'heartRate'],
      silentS: 31,
    });
    expect(silentSigns({ spo2: null, heartRate: null }, NOW - 29_000, NOW, 30).signs).toEqual([]);
  });

  it('wants the next blood pressure after 10 + 2 min, and after 5 min when the last broke a medium limit', () => {
    const profile = DEFAULT_THRESHOLD_PROFILE;
    expect(bloodPressureDueS(profile, null, null)).toBe(12 * 60);
    expect(bloodPressureDueS(profile, { systolic: 128, diastolic: 80 }, null)).toBe(12 * 60);
    expect(bloodPressureDueS(profile, { systolic: 160, diastolic: 80 }, null)).toBe(5 * 60);
    expect(bloodPressureDueS(profile, { systolic: 128, diastolic: 100 }, null)).toBe(5 * 60);
    expect(bloodPressureDueS(profile, { systolic: 85, diastolic: 50 }, null)).toBe(5 * 60);
  });

  it('never waits longer for a blood pressure after a worse reading than after a normal one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 40, max: 260 }),
        fc.integer({ min: 20, max: 160 }),
        (systolic, diastolic) => {
          const due = bloodPressureDueS(DEFAULT_THRESHOLD_PROFILE, { systolic, diastolic }, null);
          expect(due).toBeLessThanOrEqual(bloodPressureDueS(DEFAULT_THRESHOLD_PROFILE, null, null));
          if (systolic >= 160 || diastolic >= 100) expect(due).toBe(5 * 60);
        },
      ),
    );
  });
});
