import { formatPath } from './format-issues';

describe('formatPath', () => {
  it('writes array indices in brackets and properties with dots', () => {
    expect(formatPath(['samples', 3, 'spo2'])).toBe('samples[3].spo2');
    expect(formatPath(['checklist', 'consent'])).toBe('checklist.consent');
    expect(formatPath([])).toBe('');
  });
});
