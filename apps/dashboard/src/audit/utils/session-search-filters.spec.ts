import { aSession } from '../../../test/session.fixture';
import {
  draftFromSearchFilters,
  newestFirst,
  paramsFromSearchFilters,
  parseSearchDraft,
  searchFiltersFromParams,
  toSessionSearchQuery,
  type SessionSearchDraft,
} from './session-search-filters';

const EMPTY: SessionSearchDraft = {
  from: '',
  to: '',
  patient: '',
  bay: '',
  clinician: '',
  priority: '',
};

describe('session search filters', () => {
  it('keeps the filters in the address and reads them back, ignoring blanks and strangers', () => {
    const params = paramsFromSearchFilters({ patient: 'MRN-1', priority: 'high' });
    expect(params.toString()).toBe('patient=MRN-1&priority=high');
    expect(
      searchFiltersFromParams(new URLSearchParams('patient=MRN-1&bay=%20&actor=x&priority=high')),
    ).toEqual({ patient: 'MRN-1', priority: 'high' });
  });

  it('trims the text, turns local times into UTC and drops what is blank', () => {
    const result = parseSearchDraft({
      ...EMPTY,
      from: '2026-11-25T09:00',
      patient: '  Lovelace ',
      clinician: ' nurse ',
    });
    expect(result).toEqual({
      ok: true,
      filters: {
        from: new Date('2026-11-25T09:00').toISOString(),
        patient: 'Lovelace',
        clinician: 'nurse',
      },
    });
  });

  it('refuses a search with no filter at all', () => {
    expect(parseSearchDraft(EMPTY)).toEqual({
      ok: false,
      errors: { form: 'Set at least one filter to search.' },
    });
  });

  it('names the field the shared schema refuses, and a range that runs backwards', () => {
    expect(parseSearchDraft({ ...EMPTY, patient: 'A' })).toEqual({
      ok: false,
      errors: { patient: 'must name a patient (at least 2 characters)' },
    });
    expect(
      parseSearchDraft({ ...EMPTY, from: '2026-11-25T09:00', to: '2026-11-24T09:00' }),
    ).toEqual({ ok: false, errors: { to: 'must not be before From' } });
  });

  it('fills the form from the address, times in local time', () => {
    const from = new Date('2026-11-25T09:30').toISOString();
    expect(draftFromSearchFilters({ from, bay: '3' })).toEqual({
      ...EMPTY,
      from: '2026-11-25T09:30',
      bay: '3',
    });
  });

  it('asks the server for exactly the filters set', () => {
    expect(toSessionSearchQuery({ bay: '3', priority: 'medium' })).toEqual({
      bay: '3',
      priority: 'medium',
    });
    expect(toSessionSearchQuery({ bay: '3' })).toEqual({ bay: '3' });
  });

  it('lists the newest session first', () => {
    const older = aSession({ id: 'older', createdAt: '2026-11-24T09:00:00.000Z' });
    const newer = aSession({ id: 'newer', createdAt: '2026-11-25T09:00:00.000Z' });
    expect(newestFirst([older, newer]).map((session) => session.id)).toEqual(['newer', 'older']);
  });
});
