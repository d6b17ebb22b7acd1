import { alertCodeWords, type AlarmLoad } from '@vigil/shared';
import { useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { cssVar } from '../../ui/theme/theme-tokens';
import { useAlarmLoad } from '../hooks/use-alarm-load';
import { alarmLoadCsv } from '../utils/alarm-load-csv';
import { defaultPeriods, periodWindow } from '../utils/period-window';
import '../../ui/components/page.css';
import './alarm-load-screen.css';

interface Period {
  first: string;
  last: string;
}

const LABELS = ['Period A', 'Period B'] as const;
const percent = (share: number) => `${Math.round(share * 100)} %`;
const rate = (value: number | null) => (value === null ? '—' : value.toFixed(2));
const seconds = (value: number | null) => (value === null ? '—' : `${Math.round(value)} s`);

/**
 * Alarm load of two periods side by side, to judge a change of the alarm settings
 * (docs/alarm-management.md); the CSV holds the same figures as the page.
 */
export function AlarmLoadScreen({ today = new Date() }: { today?: Date }) {
  const [periods, setPeriods] = useState<Period[]>(() => defaultPeriods(today));
  const windows = periods.map((period) => periodWindow(period.first, period.last));
  const first = useAlarmLoad(windows[0]?.from ?? '', windows[0]?.to ?? '');
  const second = useAlarmLoad(windows[1]?.from ?? '', windows[1]?.to ?? '');
  const loads = [first.data, second.data];
  const error = first.error ?? second.error;
  const ready = loads.every((load): load is AlarmLoad => load !== undefined);

  const change = (index: number, field: keyof Period, value: string) =>
    setPeriods((current) =>
      current.map((period, at) => (at === index ? { ...period, [field]: value } : period)),
    );

  const download = () => {
    if (!ready) return;
    const csv = alarmLoadCsv(loads.map((load, index) => ({ label: LABELS[index] ?? '', load })));
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    link.download = `alarm-load-${periods[0]?.first}-${periods[1]?.last}.csv`;
    link.click();
    URL.revokeObjectURL(link.href);
  };

  return (
    <main className="page alarm-load-screen" aria-labelledby="alarm-load-title">
      <h1 id="alarm-load-title">Alarm load</h1>
      <form className="alarm-load-screen__periods" onSubmit={(event) => event.preventDefault()}>
        {periods.map((period, index) => (
          <fieldset key={LABELS[index]}>
            <legend>{LABELS[index]}</legend>
            <label>
              First day
              <input
                type="date"
                value={period.first}
                onChange={(event) => change(index, 'first', event.target.value)}
              />
            </label>
            <label>
              Last day
              <input
                type="date"
                value={period.last}
                onChange={(event) => change(index, 'last', event.target.value)}
              />
            </label>
          </fieldset>
        ))}
        <button type="button" onClick={download} disabled={!ready}>
          Download CSV
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          Could not load the alarm load: {error.message}
        </p>
      )}
      {!ready && !error && <p role="status">Loading the alarm load…</p>}
      {ready && <Comparison loads={loads} />}
    </main>
  );
}

function Comparison({ loads }: { loads: AlarmLoad[] }) {
  const codes = [...new Set(loads.flatMap((load) => load.byCode.map((group) => group.code)))];
  const byCode = codes.map((code) => ({
    alarm: alertCodeWords(code),
    ...Object.fromEntries(
      loads.map((load, index) => [
        LABELS[index] ?? '',
        load.byCode.find((group) => group.code === code)?.perChairHour ?? 0,
      ]),
    ),
  }));
  return (
    <>
      <table className="alarm-load-screen__summary" aria-label="Alarm load by period">
        <thead>
          <tr>
            <th scope="col">Figure</th>
            {loads.map((_load, index) => (
              <th scope="col" key={LABELS[index]}>
                {LABELS[index]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(
            [
              ['Chair-hours monitored', (load) => load.chairHours.toFixed(1)],
              ['Alarms', (load) => String(load.total)],
              ['Alarms per chair-hour', (load) => rate(load.perChairHour)],
              [
                'Nuisance alarms (cleared by themselves within 10 s)',
                (load) => percent(load.nuisanceShare),
              ],
              ['Escalated to the physician', (load) => percent(load.escalationRate)],
              ['Acknowledged within (half of them)', (load) => seconds(load.acknowledgeS.p50)],
              ['Acknowledged within (nine in ten)', (load) => seconds(load.acknowledgeS.p90)],
              ['Median duration', (load) => seconds(load.medianDurationS)],
            ] as Array<[string, (load: AlarmLoad) => string]>
          ).map(([label, show]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              {loads.map((load, index) => (
                <td key={LABELS[index]}>{show(load)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <section className="page__section" aria-labelledby="alarm-load-codes">
        <h2 id="alarm-load-codes">Alarms per chair-hour, by alarm</h2>
        <ResponsiveContainer width="100%" height={Math.max(160, codes.length * 36)}>
          <BarChart data={byCode} layout="vertical" margin={{ left: 48 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" />
            <YAxis type="category" dataKey="alarm" width={160} />
            <Tooltip />
            <Legend />
            <Bar dataKey={LABELS[0]} fill={cssVar('colorTextMuted')} isAnimationActive={false} />
            <Bar dataKey={LABELS[1]} fill={cssVar('colorFocus')} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </section>
    </>
  );
}
