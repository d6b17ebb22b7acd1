import type { AlarmLoad, AlarmLoadFigures } from '@vigil/shared';

export interface LabelledLoad {
  label: string;
  load: AlarmLoad;
}

const COLUMNS = [
  'period',
  'from',
  'to',
  'group',
  'key',
  'count',
  'chairHours',
  'perChairHour',
  'medianDurationS',
  'acknowledgeP50S',
  'acknowledgeP90S',
  'nuisanceShare',
  'escalationRate',
] as const;

/** A cell as a spreadsheet reads it: quoted when it holds a comma, a quote or a line break. */
function cell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function row(
  { label, load }: LabelledLoad,
  group: string,
  key: string,
  figures: AlarmLoadFigures,
  chairHours: number,
): string {
  return [
    label,
    load.from,
    load.to,
    group,
    key,
    figures.count,
    chairHours,
    figures.perChairHour,
    figures.medianDurationS,
    figures.acknowledgeS.p50,
    figures.acknowledgeS.p90,
    figures.nuisanceShare,
    figures.escalationRate,
  ]
    .map(cell)
    .join(',');
}

/** The figures the page shows, each period's overall row then by code, chair and hour of day. */
export function alarmLoadCsv(periods: readonly LabelledLoad[]): string {
  const lines = [COLUMNS.join(',')];
  for (const period of periods) {
    const { load } = period;
    lines.push(row(period, 'all', '', { ...load, count: load.total }, load.chairHours));
    for (const code of load.byCode)
      lines.push(row(period, 'code', code.code, code, load.chairHours));
    for (const bay of load.byBay) lines.push(row(period, 'chair', bay.bay, bay, bay.chairHours));
    for (const hour of load.byHour)
      lines.push(row(period, 'hour', String(hour.hour).padStart(2, '0'), hour, hour.chairHours));
  }
  return `${lines.join('\r\n')}\r\n`;
}
