import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorNotice } from '../../ui/components/error-notice';
import { useSessionSearch } from '../hooks/use-session-search';
import {
  hasSearchFilters,
  paramsFromSearchFilters,
  searchFiltersFromParams,
  toSessionSearchQuery,
  type SessionSearchFilters,
} from '../utils/session-search-filters';
import { SessionSearchForm } from './session-search-form';
import { SessionSearchResults } from './session-search-results';
import '../../ui/components/page.css';

/** The auditor's way into a session's record: find it, then open its log. */
export function SessionSearchScreen() {
  const [searchParams, setSearchParams] = useSearchParams();
  const search = searchParams.toString();
  const filters = useMemo(() => searchFiltersFromParams(new URLSearchParams(search)), [search]);
  const query = useMemo(() => toSessionSearchQuery(filters), [filters]);
  const searching = hasSearchFilters(filters);
  const results = useSessionSearch(query, searching);

  const onSearch = (next: SessionSearchFilters) => {
    const nextSearch = paramsFromSearchFilters(next).toString();
    // The same search again means "look again": the answer may have changed since.
    if (nextSearch === search) void results.refetch();
    else setSearchParams(nextSearch);
  };

  return (
    <main className="page" aria-labelledby="session-search-title">
      <h1 id="session-search-title">Session logs</h1>
      <section className="page__section" aria-labelledby="session-search-form-title">
        <h2 id="session-search-form-title">Find sessions</h2>
        <SessionSearchForm
          key={search}
          filters={filters}
          onSearch={onSearch}
          onClear={() => setSearchParams(new URLSearchParams())}
        />
        <p className="page__status">Every search is recorded in the audit trail.</p>
      </section>
      {searching && (
        <section className="page__section" aria-labelledby="session-results-title">
          <h2 id="session-results-title">Sessions found</h2>
          {results.error && <ErrorNotice title="Could not search" error={results.error} />}
          {results.isPending && (
            <p className="page__status" role="status">
              Searching…
            </p>
          )}
          {results.data && (
            <>
              <p className="page__status" data-testid="session-search-count">
                {results.data.length === 1 ? '1 session' : `${results.data.length} sessions`}
                {results.isFetching && ' (updating…)'}
              </p>
              <SessionSearchResults sessions={results.data} search={search} />
            </>
          )}
        </section>
      )}
    </main>
  );
}
