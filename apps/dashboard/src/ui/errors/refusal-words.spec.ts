import { ApiError, NETWORK_ERROR_STATUS } from '../../api/api-error';
import { refusalFieldErrors, refusalSentences } from './refusal-words';

const refusal = (
  status: number,
  code: ApiError['code'],
  details?: Record<string, unknown>,
  messages = ['the server’s own words'],
) => new ApiError(status, messages, undefined, code, details);

describe('refusal words', () => {
  it('words a refusal by its code and details, never by the server’s English', () => {
    expect(refusalSentences(refusal(409, 'SESSION_STATE_CONFLICT', { state: 'recovery' }))).toEqual(
      [
        'The session is now recovery: this cannot be done from there. The screen shows it as it stands.',
      ],
    );
    expect(
      refusalSentences(
        refusal(409, 'ABSOLUTE_CONTRAINDICATION', { flags: ['PREGNANCY_POSITIVE'] }),
      ),
    ).toEqual(['Pregnancy test positive: no override can allow the infusion.']);
    expect(refusalSentences(refusal(403, 'PHYSICIAN_REQUIRED'))).toEqual([
      'Only a physician may do this now.',
    ]);
    expect(refusalSentences(refusal(409, 'HL7_SOURCE_TAKEN'))).toEqual([
      'Another device already sends HL7 messages as this application and facility.',
    ]);
  });

  it('lists only the unmet criteria of a refused discharge', () => {
    const error = refusal(409, 'DISCHARGE_CRITERIA_UNMET', {
      criteria: [
        { code: 'MOAAS', met: false, value: 4, limit: 5 },
        { code: 'ESCORT', met: true, value: 'Sam' },
        { code: 'SPO2_LEVEL', met: false, value: 91, limit: 95 },
      ],
    });
    expect(refusalSentences(error)).toEqual(['MOAA/S 4 (needs 5)', 'SpO2 91 % (needs ≥ 95)']);
  });

  it('shows the server’s lines where its code has no words of its own (a field and its rule)', () => {
    expect(
      refusalSentences(refusal(400, 'VALIDATION_FAILED', undefined, ['reason must say why'])),
    ).toEqual(['reason must say why']);
  });

  it('tells a delayed login when it may try again, in the screen’s own clock', () => {
    const retryAt = new Date(2026, 10, 25, 10, 15, 30).toISOString();
    expect(refusalSentences(refusal(401, 'LOGIN_DELAYED', { retryAt }))).toEqual([
      'Too many wrong passwords from this screen: sign in again after 10:15:30.',
    ]);
  });

  it('says that nothing was recorded when the server could not be reached', () => {
    expect(refusalSentences(new ApiError(NETWORK_ERROR_STATUS, ['fetch failed']))).toEqual([
      'The server could not be reached: nothing was recorded. Check the connection and try again.',
    ]);
  });

  it('places a refusal beside the field its code is about, else on the form', () => {
    expect(refusalFieldErrors(refusal(409, 'USERNAME_TAKEN'), ['username', 'role'])).toEqual({
      username: 'is taken: choose another',
    });
    expect(
      refusalFieldErrors(
        refusal(400, 'VALIDATION_FAILED', undefined, ['role must be one of nurse, physician']),
        ['username', 'role'],
      ),
    ).toEqual({ role: 'must be one of nurse, physician' });
    expect(refusalFieldErrors(refusal(403, 'FORBIDDEN'), ['username'])).toEqual({
      form: 'Not allowed — your role may not do this.',
    });
  });
});
