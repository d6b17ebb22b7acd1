import { fireEvent, screen, waitFor } from '@testing-library/react';
import { anAuthResponse } from '../../../test/auth.fixture';
import { installFakeFetch, jsonResponse, requestsTo } from '../../../test/fake-fetch';
import { renderWithProviders } from '../../../test/render-with-providers';
import { authStore } from '../../auth/state/auth-store';
import { OutcomeForm } from './outcome-form';

const SESSION_ID = 's-9';
const OUTCOMES = `POST /sessions/${SESSION_ID}/outcomes`;

function renderForm(reply: Record<string, unknown>) {
  authStore.clear();
  authStore.signIn(anAuthResponse('nurse'));
  const fetchMock = installFakeFetch({
    [OUTCOMES]: () =>
      jsonResponse(201, {
        id: 'o-1',
        sessionId: SESSION_ID,
        at: '2026-12-01T10:00:00.000Z',
        recordedBy: 'nurse',
        ...reply,
      }),
    [`GET /sessions/${SESSION_ID}/log`]: () => jsonResponse(200, []),
  });
  renderWithProviders(<OutcomeForm sessionId={SESSION_ID} />);
  return fetchMock;
}

const choose = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('the outcome form', () => {
  it('refuses a score outside the instrument’s range on the field, sending nothing', async () => {
    const fetchMock = renderForm({});
    choose('Instrument', 'C-SSRS-screen');
    choose('Score', '7');
    fireEvent.click(screen.getByRole('button', { name: 'Record score' }));
    await waitFor(() =>
      expect(screen.getByLabelText('Score')).toHaveAccessibleDescription(
        /must be a whole number between 0 and 6 for C-SSRS-screen/,
      ),
    );
    expect(requestsTo(fetchMock, OUTCOMES)).toHaveLength(0);
  });

  it('sends the score and tells the nurse to fetch the physician after a positive suicide screen', async () => {
    const fetchMock = renderForm({
      instrument: 'C-SSRS-screen',
      phase: 'post',
      score: 2,
      suicideRisk: { alertRaised: true },
    });
    choose('Instrument', 'C-SSRS-screen');
    choose('When', 'post');
    choose('Score', '2');
    fireEvent.click(screen.getByRole('button', { name: 'Record score' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Positive suicide screen: a high-priority alert is raised. Tell the physician now.',
    );
    await waitFor(() =>
      expect(requestsTo(fetchMock, OUTCOMES)[0]?.body).toEqual({
        instrument: 'C-SSRS-screen',
        phase: 'post',
        score: 2,
      }),
    );
  });

  it('says when no alarm could sound, after discharge', async () => {
    renderForm({
      instrument: 'C-SSRS-screen',
      phase: 'follow-up',
      score: 1,
      suicideRisk: { alertRaised: false, followUpId: 'f-1' },
    });
    choose('Instrument', 'C-SSRS-screen');
    choose('When', 'follow-up');
    choose('Score', '1');
    fireEvent.click(screen.getByRole('button', { name: 'Record score' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'no alarm can sound for this session',
    );
  });
});
