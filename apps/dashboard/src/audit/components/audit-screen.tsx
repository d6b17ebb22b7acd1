import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorNotice } from '../../ui/components/error-notice';
import { useAuditEntries, useAuditVerification } from '../hooks/use-audit';
import {
  AUDIT_PAGE_LIMIT,
  filtersFromSearchParams,
  searchParamsFromFilters,
  toAuditQuery,
} from '../utils/audit-filters';
import { AuditFiltersForm } from './audit-filters-form';
import { AuditTable } from './audit-table';
import { ChainVerificationBanner } from './chain-verification-banner';
import '../../ui/components/page.css';
import './audit-screen.css';

/** The tamper-evident log: is the chain intact, and who did what, when. */
export function AuditScreen() {
  const [searchParams, setSearchParams] = useSearchParams();
  const search = searchParams.toString();
  const filters = useMemo(() => filtersFromSearchParams(new URLSearchParams(search)), [search]);
  const query = useMemo(() => toAuditQuery(filters), [filters]);
  const verification = useAuditVerification();
  const entries = useAuditEntries(query);
  const brokenAt = verification.data?.valid === false ? verification.data.brokenAt : undefined;

  return (
    <main className="page" aria-labelledby="audit-screen-title">
      <h1 id="audit-screen-title">Audit log</h1>
      <ChainVerificationBanner verification={verification} />
      <section className="page__section" aria-labelledby="audit-entries-title">
        <h2 id="audit-entries-title">Entries</h2>
        <AuditFiltersForm
          key={search}
          filters={filters}
          onApply={(next) => setSearchParams(searchParamsFromFilters(next))}
        />
        {entries.error && (
          <ErrorNotice title="Could not load the audit log" error={entries.error} />
        )}
        {entries.isPending && (
          <p className="page__status" role="status">
            Loading entries…
          </p>
        )}
        {entries.data && (
          <>
            <p className="page__status" data-testid="audit-count">
              {entries.data.length === 1 ? '1 entry' : `${entries.data.length} entries`}
              {entries.data.length >= AUDIT_PAGE_LIMIT &&
                ` — the first ${AUDIT_PAGE_LIMIT}; narrow the time range to see later ones`}
              {entries.isFetching && ' (updating…)'}
            </p>
            <AuditTable entries={entries.data} brokenAt={brokenAt} />
          </>
        )}
      </section>
    </main>
  );
}
