import { useMutation } from '@tanstack/react-query';
import { apiClient } from '../../api/api-client';
import { ErrorNotice } from '../../ui/components/error-notice';
import { saveBlob } from '../utils/save-blob';

type DownloadKind = 'log' | 'report';

const DOWNLOADS: Record<DownloadKind, { label: string; extension: string }> = {
  log: { label: 'Download log (CSV)', extension: 'log.csv' },
  report: { label: 'Download report (PDF)', extension: 'report.pdf' },
};

/** The log and report as files, fetched with the login's token like every other request. */
export function SessionDownloads({ sessionId }: { sessionId: string }) {
  const download = useMutation({
    mutationFn: async (kind: DownloadKind) => {
      const blob =
        kind === 'log'
          ? await apiClient.downloadSessionLogCsv(sessionId)
          : await apiClient.downloadSessionReport(sessionId);
      saveBlob(blob, `session-${sessionId}-${DOWNLOADS[kind].extension}`);
    },
  });
  return (
    <div className="session-downloads">
      <div className="row-actions">
        {(Object.keys(DOWNLOADS) as DownloadKind[]).map((kind) => (
          <button
            key={kind}
            className="button"
            type="button"
            disabled={download.isPending}
            onClick={() => download.mutate(kind)}
          >
            {DOWNLOADS[kind].label}
          </button>
        ))}
      </div>
      {download.error && <ErrorNotice title="Could not download" error={download.error} />}
    </div>
  );
}
