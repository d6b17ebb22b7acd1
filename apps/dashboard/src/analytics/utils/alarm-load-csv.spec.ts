import type { AlarmLoad } from '@vigil/shared';
import { alarmLoadCsv } from './alarm-load-csv';

const figures = {
  count: 2,
  perChairHour: 1,
  medianDurationS: null,
  acknowledgeS: { p50: null, p90: null },
  nuisanceShare: 0.5,
  escalationRate: 0,
};
const load: AlarmLoad = {
  from: '2026-11-01T00:00:00.000Z',
  to: '2026-11-02T00:00:00.000Z',
  chairHours: 2,
  total: 2,
  perChairHour: 1,
  medianDurationS: null,
  acknowledgeS: { p50: null, p90: null },
  nuisanceShare: 0.5,
  escalationRate: 0,
  byCode: [{ code: 'SPO2_LOW', ...figures }],
  byBay: [{ bay: 'Chair "3", window', chairHours: 2, ...figures }],
  byHour: [{ hour: 7, chairHours: 2, ...figures }],
};

describe('the alarm-load CSV', () => {
  it('has a row per period and group, empty cells for missing figures, quoted text where needed', () => {
    const lines = alarmLoadCsv([{ label: 'Before', load }]).split('\r\n');
    expect(lines).toEqual([
      'period,from,to,group,key,count,chairHours,perChairHour,medianDurationS,acknowledgeP50S,acknowledgeP90S,nuisanceShare,escalationRate',
      'Before,2026-11-01T00:00:00.000Z,2026-11-02T00:00:00.000Z,all,,2,2,1,,,,0.5,0',
      'Before,2026-11-01T00:00:00.000Z,2026-11-02T00:00:00.000Z,code,SPO2_LOW,2,2,1,,,,0.5,0',
      'Before,2026-11-01T00:00:00.000Z,2026-11-02T00:00:00.000Z,chair,"Chair ""3"", window",2,2,1,,,,0.5,0',
      'Before,2026-11-01T00:00:00.000Z,2026-11-02T00:00:00.000Z,hour,07,2,2,1,,,,0.5,0',
      '',
    ]);
  });
});
