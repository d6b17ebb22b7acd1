import type { AuditEntry } from '@vigil/shared';
import { formatLocalDateTime } from '../../ui/utils/format-date-time';
import { summariseDetail } from '../utils/summarise-detail';

interface AuditTableProps {
  entries: readonly AuditEntry[];
  /** The entry where verification found the chain broken, marked in the table. */
  brokenAt?: number;
}

export function AuditTable({ entries, brokenAt }: AuditTableProps) {
  if (entries.length === 0) return <p className="page__status">No entries match these filters.</p>;
  return (
    <div className="data-table-scroll">
      <table className="data-table audit-table">
        <caption className="visually-hidden">Audit entries, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">Seq</th>
            <th scope="col">Time</th>
            <th scope="col">Actor</th>
            <th scope="col">Role</th>
            <th scope="col">Action</th>
            <th scope="col">Entity</th>
            <th scope="col">Entity id</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const broken = entry.seq === brokenAt;
            return (
              <tr
                key={entry.seq}
                data-testid={`audit-entry-${entry.seq}`}
                data-broken={broken || undefined}
              >
                <th scope="row" className="numeric">
                  {entry.seq}
                  {broken && <span className="audit-table__broken"> ✗ chain broken here</span>}
                </th>
                <td className="numeric">
                  <time dateTime={entry.at} title={entry.at}>
                    {formatLocalDateTime(entry.at)}
                  </time>
                </td>
                <td>{entry.actor}</td>
                <td>{entry.role}</td>
                <td>{entry.action}</td>
                <td>{entry.entity}</td>
                <td>
                  <code className="audit-table__id">{entry.entityId ?? '—'}</code>
                </td>
                <td className="audit-table__detail" title={JSON.stringify(entry.detail, null, 2)}>
                  {summariseDetail(entry.detail)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
