import fc from 'fast-check';
import {
  alertMessage,
  bpOverdueMessage,
  clinicalAlertMessage,
  shownSilence,
  signalLossMessage,
  spokenDuration,
} from './alert-message';

describe('alert messages', () => {
  it('shows the value now, the limit it breaks and the worst value when that was worse', () => {
    expect(alertMessage('SPO2_LOW', 86, 90)).toBe('SpO2 86 < 90');
    expect(alertMessage('SPO2_LOW', 78, 90, 72)).toBe('SpO2 78 < 90, lowest 72');
    expect(alertMessage('HR_HIGH', 135, 130, 142)).toBe('HR 135 > 130, highest 142');
    expect(alertMessage('SYSTOLIC_HIGH', 180, 180)).toBe('Systolic 180 ≥ 180');
  });

  it('leads with the worst value once the value now is back within the limit', () => {
    expect(alertMessage('SPO2_LOW', 95, 90, 72)).toBe('SpO2 lowest 72 < 90, now 95');
  });

  it('reads long times in minutes and moves on in steps, not every second', () => {
    expect(spokenDuration(45)).toBe('45 s');
    expect(spokenDuration(31 * 60 + 5)).toBe('31 min');
    expect(shownSilence(47)).toBe(40);
    expect(shownSilence(12 * 60 + 59)).toBe(12 * 60);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 86_400, noNaN: true }), (seconds) => {
        const shown = shownSilence(seconds);
        expect(shown).toBeLessThanOrEqual(seconds);
        expect(seconds - shown).toBeLessThan(seconds < 120 ? 10 : 60);
      }),
    );
  });

  it('names the silent sign of a signal loss, and says how overdue a blood pressure is', () => {
    expect(signalLossMessage(['spo2'], 12 * 60, 30)).toBe('No SpO2 signal for 12 min (limit 30 s)');
    expect(signalLossMessage(['spo2', 'heartRate'], 40, 30)).toBe(
      'No SpO2 or heart-rate signal for 40 s (limit 30 s)',
    );
    expect(bpOverdueMessage(14 * 60, 12 * 60)).toBe(
      'Blood pressure overdue: none for 14 min (due every 12 min)',
    );
  });

  it('counts the severe events an open clinical alert stands for, newest named', () => {
    expect(clinicalAlertMessage('agitation — pulling at line')).toBe(
      'Severe side effect: agitation — pulling at line',
    );
    expect(clinicalAlertMessage('vomiting', 2)).toBe('2 severe side effects, newest: vomiting');
  });
});
