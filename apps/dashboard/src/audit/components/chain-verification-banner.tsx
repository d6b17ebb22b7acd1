import type { UseQueryResult } from '@tanstack/react-query';
import type { AuditVerification } from '@vigil/shared';
import { ErrorNotice } from '../../ui/components/error-notice';

const countFormat = new Intl.NumberFormat('en');

interface ChainVerificationBannerProps {
  verification: UseQueryResult<AuditVerification>;
}

/** The chain's state in words and a symbol, as well as in colour. */
export function ChainVerificationBanner({ verification }: ChainVerificationBannerProps) {
  const { data, error, isPending, isFetching, refetch } = verification;
  const verifyAgain = (
    <button className="button" type="button" disabled={isFetching} onClick={() => void refetch()}>
      {isFetching ? 'Verifying…' : 'Verify again'}
    </button>
  );

  if (isPending) {
    return (
      <div className="chain-status chain-status--pending">
        <p role="status">Verifying the audit chain…</p>
      </div>
    );
  }
  if (error) {
    return (
      <div className="chain-status chain-status--pending">
        <ErrorNotice title="Could not verify the audit chain" error={error} />
        {verifyAgain}
      </div>
    );
  }
  if (data.valid) {
    const entries = `${countFormat.format(data.entries)} ${data.entries === 1 ? 'entry' : 'entries'}`;
    return (
      <div className="chain-status chain-status--ok" data-testid="chain-status">
        <p role="status">
          <span aria-hidden="true">✓ </span>Chain verified — {entries}
        </p>
        {verifyAgain}
      </div>
    );
  }
  return (
    <div className="chain-status chain-status--broken" data-testid="chain-status">
      <div role="alert">
        <p className="chain-status__headline">
          <span aria-hidden="true">✗ </span>Chain broken at entry #{data.brokenAt}
        </p>
        <p>
          Entry #{data.brokenAt} or one before it has been altered or removed; entries from #
          {data.brokenAt} on cannot be trusted. Report this to the information security officer.
        </p>
      </div>
      {verifyAgain}
    </div>
  );
}
