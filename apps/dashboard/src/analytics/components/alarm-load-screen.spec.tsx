import { fireEvent, screen, within } from '@testing-library/react';
import type { AlarmLoad } from '@vigil/shared';
import { anAuthResponse } from '../../../test/auth.fixture';
import { installFakeFetch, jsonResponse, requestsTo } from '../../../test/fake-fetch';
import { renderWithProviders } from '../../../test/render-with-providers';
import { authStore } from '../../auth/state/auth-store';
import { AlarmLoadScreen } from './alarm-load-screen';

const figures = { medianDurationS: 30, acknowledgeS: { p50: 20, p90: 50 }, escalationRate: 0.1 };

function aLoad(total: number, nuisanceShare: number): AlarmLoad {
  return {
    from: '2026-11-01T00:00:00.000Z',
    to: '2026-11-29T00:00:00.000Z',
    chairHours: 100,
    total,
    perChairHour: total / 100,
    nuisanceShare,
    ...figures,
    byCode: [
      { code: 'SPO2_LOW', count: total, perChairHour: total / 100, nuisanceShare, ...figures },
    ],
    byBay: [],
    byHour: [],
  };
}

/** jsdom's Blob has no text(): read it as a browser without it would. */
function readText(blob: Blob | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!blob) return reject(new Error('nothing was downloaded'));
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(new Error('the download could not be read'));
    reader.readAsText(blob);
  });
}

describe('the alarm-load page', () => {
  it('shows two periods side by side and exports the same figures as CSV', async () => {
    authStore.clear();
    authStore.signIn(anAuthResponse('physician'));
    let asked = 0;
    const fetchMock = installFakeFetch({
      'GET /analytics/alarms': () =>
        jsonResponse(200, (asked += 1) === 1 ? aLoad(80, 0.5) : aLoad(40, 0.25)),
    });
    const created: Blob[] = [];
    URL.createObjectURL = (blob: Blob) => {
      created.push(blob);
      return 'blob:alarm-load';
    };
    URL.revokeObjectURL = () => undefined;
    // jsdom cannot follow a download link; the file's content is what is tested.
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    renderWithProviders(<AlarmLoadScreen today={new Date(2026, 11, 6)} />);

    const table = await screen.findByRole('table', { name: 'Alarm load by period' });
    const rowOf = (label: string) =>
      within(table).getByRole('rowheader', { name: label }).closest('tr') as HTMLTableRowElement;
    expect(
      within(rowOf('Alarms per chair-hour'))
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['0.80', '0.40']);
    expect(
      within(rowOf('Nuisance alarms (cleared by themselves within 10 s)'))
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['50 %', '25 %']);
    const windows = requestsTo(fetchMock, 'GET /analytics/alarms').map((request) => [
      request.query.get('from'),
      request.query.get('to'),
    ]);
    expect(windows).toEqual([
      [new Date(2026, 9, 12).toISOString(), new Date(2026, 10, 9).toISOString()],
      [new Date(2026, 10, 9).toISOString(), new Date(2026, 11, 7).toISOString()],
    ]);

    fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    const csv = await readText(created[0]);
    expect(
      csv?.split('\r\n').filter((line) => line.startsWith('Period A,') && line.includes(',all,')),
    ).toEqual([
      'Period A,2026-11-01T00:00:00.000Z,2026-11-29T00:00:00.000Z,all,,80,100,0.8,30,20,50,0.5,0.1',
    ]);
  });
});
