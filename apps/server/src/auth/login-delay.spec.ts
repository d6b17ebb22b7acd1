import fc from 'fast-check';
import { FREE_LOGIN_FAILURES, loginDelayMs, MAX_LOGIN_DELAY_MS } from './login-delay';

describe('the delay between login guesses', () => {
  it('lets a person mistype a few times without waiting', () => {
    for (let failures = 0; failures <= FREE_LOGIN_FAILURES; failures += 1) {
      expect(loginDelayMs(failures)).toBe(0);
    }
  });

  it('starts at one second and doubles with each further wrong password', () => {
    expect(loginDelayMs(FREE_LOGIN_FAILURES + 1)).toBe(1_000);
    expect(loginDelayMs(FREE_LOGIN_FAILURES + 2)).toBe(2_000);
    expect(loginDelayMs(FREE_LOGIN_FAILURES + 5)).toBe(16_000);
  });

  it('never shrinks as failures grow and never exceeds the cap', () => {
    fc.assert(
      fc.property(fc.nat(10_000), (failures) => {
        const delay = loginDelayMs(failures);
        expect(delay).toBeLessThanOrEqual(MAX_LOGIN_DELAY_MS);
        expect(loginDelayMs(failures + 1)).toBeGreaterThanOrEqual(delay);
      }),
    );
    expect(loginDelayMs(1_000)).toBe(MAX_LOGIN_DELAY_MS);
  });
});
