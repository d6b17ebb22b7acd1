import {
  draftFromFilters,
  filtersFromSearchParams,
  parseFilterDraft,
  searchParamsFromFilters,
} from './audit-filters';

const emptyDraft = { from: '', to: '', actor: '', sessionId: '' };

describe('audit filters', () => {
  it('turns local form times into ISO UTC and back', () => {
    const result = parseFilterDraft({ ...emptyDraft, from: '2026-11-25T10:00' });
    expect(result.ok).toBe(true);
    const from = result.ok ? result.filters.from : undefined;
    expect(from).toBe(new Date('2026-11-25T10:00').toISOString());
    expect(draftFromFilters({ from }).from).toBe('2026-11-25T10:00');
  });

  it('leaves out what is empty', () => {
    expect(parseFilterDraft({ ...emptyDraft, actor: '  nurse ' })).toEqual({
      ok: true,
      filters: { actor: 'nurse' },
    });
  });

  it('names a session id that is not a UUID', () => {
    expect(parseFilterDraft({ ...emptyDraft, sessionId: 'bay-3' })).toEqual({
      ok: false,
      errors: { sessionId: 'must be a session id (UUID)' },
    });
  });

  it('refuses a range that runs backwards', () => {
    expect(
      parseFilterDraft({ ...emptyDraft, from: '2026-11-25T11:00', to: '2026-11-25T10:00' }),
    ).toEqual({ ok: false, errors: { to: 'must not be before From' } });
  });

  it('round-trips through the URL, dropping unknown and empty parameters', () => {
    const params = new URLSearchParams('actor=nurse&sessionId=&limit=5&x=1');
    const filters = filtersFromSearchParams(params);
    expect(filters).toEqual({ actor: 'nurse' });
    expect(searchParamsFromFilters(filters).toString()).toBe('actor=nurse');
  });
});
