import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { FollowUpTask } from '../../api/api-client';
import { anAuthResponse } from '../../../test/auth.fixture';
import { installFakeFetch, jsonResponse, nestError, requestsTo } from '../../../test/fake-fetch';
import { renderWithProviders } from '../../../test/render-with-providers';
import { authStore } from '../../auth/state/auth-store';
import { localDate } from '../../ui/utils/format-date-time';
import { FollowUpsScreen } from './follow-ups-screen';

const patient = { id: 'p-1', displayName: 'Alex Example', mrn: 'MRN-0042' };
const tasks: FollowUpTask[] = [
  {
    id: 'call',
    sessionId: 's-1',
    kind: 'next-day-call',
    dueAt: '2026-12-02T10:00:00.000Z',
    overdue: false,
    patient,
  },
  {
    id: 'late',
    sessionId: 's-0',
    kind: 'integration-therapy',
    dueAt: '2026-11-30T10:00:00.000Z',
    overdue: true,
    patient,
  },
  {
    id: 'review',
    sessionId: 's-2',
    kind: 'suicide-risk-review',
    dueAt: '2026-12-02T12:00:00.000Z',
    overdue: false,
    patient: { id: 'p-2', displayName: 'Robin Sample', mrn: 'MRN-0077' },
  },
  {
    id: 'done',
    sessionId: 's-3',
    kind: 'next-day-call',
    dueAt: '2026-12-02T09:00:00.000Z',
    doneAt: '2026-12-02T09:10:00.000Z',
    doneBy: 'nurse.joy',
    outcome: 'Slept well, no side effects',
    overdue: false,
    patient,
  },
];

function renderList(done = () => jsonResponse(200, { ...tasks[0], doneAt: 'x', outcome: 'ok' })) {
  authStore.clear();
  authStore.signIn(anAuthResponse('nurse'));
  const fetchMock = installFakeFetch({
    'GET /follow-ups': () => jsonResponse(200, tasks),
    'POST /follow-ups/call/done': done,
  });
  renderWithProviders(<FollowUpsScreen />);
  return fetchMock;
}

const items = () => screen.getAllByTestId('follow-up');

describe('the follow-ups list', () => {
  it('asks for today’s tasks and lists the overdue and the suicide-risk review first, each with name and MRN', async () => {
    const fetchMock = renderList();
    await screen.findByRole('list', { name: 'Follow-up tasks' });
    expect(requestsTo(fetchMock, 'GET /follow-ups')[0]?.query.get('due')).toBe(
      localDate(Date.now()),
    );
    expect(items().map((item) => within(item).getByRole('heading').textContent)).toEqual([
      'Integration-therapy appointment',
      'Suicide-risk review',
      'Next-day call',
      'Next-day call',
    ]);
    const [late, review, call, done] = items();
    expect(late).toHaveAttribute('data-urgent', 'true');
    expect(late).toHaveTextContent('Overdue');
    expect(review).toHaveAttribute('data-urgent', 'true');
    expect(review).toHaveTextContent('Positive suicide screen: review today');
    expect(review).toHaveTextContent('Robin Sample (MRN MRN-0077)');
    expect(call).not.toHaveAttribute('data-urgent');
    expect(done).toHaveTextContent('by nurse.joy: Slept well, no side effects');
    expect(within(done!).queryByRole('form')).not.toBeInTheDocument();
  });

  it('records the outcome of a call, refusing an empty one on the field', async () => {
    const fetchMock = renderList();
    await screen.findByRole('list', { name: 'Follow-up tasks' });
    const call = items()[2]!;
    fireEvent.click(within(call).getByRole('button', { name: 'Record outcome' }));
    expect(within(call).getByText('Outcome of the call must not be empty')).toBeVisible();
    expect(requestsTo(fetchMock, 'POST /follow-ups/call/done')).toHaveLength(0);

    fireEvent.change(within(call).getByLabelText('Outcome of the call'), {
      target: { value: 'Feels fine, escort stayed overnight' },
    });
    fireEvent.click(within(call).getByRole('button', { name: 'Record outcome' }));
    await waitFor(() =>
      expect(requestsTo(fetchMock, 'POST /follow-ups/call/done')[0]?.body).toEqual({
        outcome: 'Feels fine, escort stayed overnight',
      }),
    );
    await waitFor(() => expect(requestsTo(fetchMock, 'GET /follow-ups')).toHaveLength(2));
  });

  it('says so when another nurse recorded the call first', async () => {
    renderList(() =>
      nestError(409, 'this follow-up was recorded as done', 'Conflict', {
        code: 'FOLLOW_UP_DONE',
        details: { doneAt: '2026-12-02T10:02:00.000Z', doneBy: 'nurse.ann' },
      }),
    );
    await screen.findByRole('list', { name: 'Follow-up tasks' });
    const call = items()[2]!;
    fireEvent.change(within(call).getByLabelText('Outcome of the call'), {
      target: { value: 'No answer' },
    });
    fireEvent.click(within(call).getByRole('button', { name: 'Record outcome' }));
    expect(await within(call).findByRole('alert')).toHaveTextContent('Outcome not recorded');
  });
});
