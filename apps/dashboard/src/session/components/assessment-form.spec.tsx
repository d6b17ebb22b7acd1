import { CLEAR_SCREENING, type Session } from '@vigil/shared';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { aSession } from '../../../test/session.fixture';
import { installFakeFetch, jsonResponse, nestError, requestsTo } from '../../../test/fake-fetch';
import { renderWithProviders } from '../../../test/render-with-providers';
import { AssessmentForm } from './assessment-form';

const type = (label: string | RegExp, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

const submit = () => fireEvent.click(screen.getByRole('button', { name: 'Record assessment' }));

const NO_FINDINGS: ReadonlyArray<[string, string]> = [
  ['Psychosis or mania', 'none'],
  ['Cardiac history', 'no'],
  ['Uncontrolled hypertension', 'no'],
  ['Substance use', 'none'],
  ['Breath alcohol', 'negative'],
  ['Urine drug screen', 'negative'],
  ['Takes benzodiazepines', 'no'],
  ['Takes lamotrigine', 'no'],
  ['Takes an MAOI', 'no'],
  ['Takes stimulants', 'no'],
  ['Prior ketamine or PCP misuse', 'no'],
  ['Raised intracranial pressure', 'no'],
  ['Raised intraocular pressure', 'no'],
  ['Hyperthyroidism', 'no'],
  ['Sleep apnoea', 'no'],
  ['Airway risk', 'no'],
];

function fillValidBaseline() {
  type('Systolic', '128');
  type('Diastolic', '82');
  type('Heart rate', '72');
  type('SpO2', '98');
  type('Pregnancy test', 'not-applicable');
  for (const [label, value] of NO_FINDINGS) type(label, value);
}

describe('AssessmentForm', () => {
  it('names each missing baseline vital beside its field and sends nothing', () => {
    const fetchMock = installFakeFetch({});
    renderWithProviders(<AssessmentForm sessionId="s-1" />);

    submit();

    expect(screen.getByLabelText('Systolic')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Systolic is required')).toBeInTheDocument();
    expect(screen.getByText('SpO2 is required')).toBeInTheDocument();
    // The respiratory rate is optional.
    expect(screen.getByLabelText('Respiratory rate (optional)')).not.toHaveAttribute(
      'aria-invalid',
    );
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('refuses a value outside the plausible range and a diastolic not below the systolic', () => {
    const fetchMock = installFakeFetch({});
    renderWithProviders(<AssessmentForm sessionId="s-1" />);

    fillValidBaseline();
    type('SpO2', '140');
    type('Diastolic', '130');
    submit();

    expect(screen.getByText('SpO2 must be between 0 and 100')).toBeInTheDocument();
    expect(screen.getByText('Diastolic must be below systolic')).toBeInTheDocument();
    expect(screen.getByLabelText('Systolic')).not.toHaveAttribute('aria-invalid');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('sends numbers and the checklist, leaving out an empty respiratory rate', async () => {
    const fetchMock = installFakeFetch({
      'POST /sessions/s-1/assessment': () =>
        jsonResponse(200, aSession({ id: 's-1', state: 'assessed' }) satisfies Session),
    });
    renderWithProviders(<AssessmentForm sessionId="s-1" />);

    fillValidBaseline();
    fireEvent.click(screen.getByLabelText('Informed consent recorded'));
    fireEvent.change(screen.getByLabelText('Pregnancy test'), { target: { value: 'negative' } });
    submit();

    await waitFor(() =>
      expect(requestsTo(fetchMock, 'POST /sessions/s-1/assessment')).toHaveLength(1),
    );
    expect(requestsTo(fetchMock, 'POST /sessions/s-1/assessment')[0]?.body).toEqual({
      baseline: { systolic: 128, diastolic: 82, heartRate: 72, spo2: 98 },
      checklist: {
        consent: true,
        fasting: false,
        escortHome: false,
        psychiatricEvaluation: false,
        medicationsReviewed: false,
        pregnancyTest: 'negative',
      },
      screening: CLEAR_SCREENING,
    });
  });

  it('leaves every screening question unanswered until chosen, and sends nothing while one is', () => {
    const fetchMock = installFakeFetch({});
    renderWithProviders(<AssessmentForm sessionId="s-1" />);

    for (const [label] of NO_FINDINGS) expect(screen.getByLabelText(label)).toHaveValue('');
    fillValidBaseline();
    type('Airway risk', '');
    submit();

    expect(screen.getByLabelText('Airway risk')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Sleep apnoea')).not.toHaveAttribute('aria-invalid');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('asks when a substance was last used, and sends it as a time with its offset', async () => {
    const fetchMock = installFakeFetch({
      'POST /sessions/s-1/assessment': () =>
        jsonResponse(200, aSession({ id: 's-1', state: 'assessed' }) satisfies Session),
    });
    renderWithProviders(<AssessmentForm sessionId="s-1" />);

    fillValidBaseline();
    expect(screen.queryByLabelText('Last use')).not.toBeInTheDocument();
    type('Substance use', 'current');
    submit();
    expect(screen.getByLabelText('Last use')).toHaveAttribute('aria-invalid', 'true');
    expect(fetchMock).not.toHaveBeenCalled();

    type('Last use', '2026-11-24T21:30');
    submit();

    await waitFor(() =>
      expect(requestsTo(fetchMock, 'POST /sessions/s-1/assessment')).toHaveLength(1),
    );
    expect(requestsTo(fetchMock, 'POST /sessions/s-1/assessment')[0]?.body).toMatchObject({
      screening: {
        substanceUse: 'current',
        substanceLastUseAt: new Date(2026, 10, 24, 21, 30).toISOString(),
      },
    });
  });

  it('places the server’s field message beside the field it names', async () => {
    installFakeFetch({
      'POST /sessions/s-1/assessment': () =>
        nestError(400, ['baseline.heartRate must be between 20 and 300'], 'Bad Request', {
          code: 'VALIDATION_FAILED',
        }),
    });
    renderWithProviders(<AssessmentForm sessionId="s-1" />);

    fillValidBaseline();
    submit();

    expect(await screen.findByText('Heart rate must be between 20 and 300')).toBeInTheDocument();
  });

  it('shows a refusal from the server in an alert, in words of its code', async () => {
    installFakeFetch({
      'POST /sessions/s-1/assessment': () =>
        nestError(409, 'assess is not allowed while the session is infusing', 'Conflict', {
          code: 'SESSION_STATE_CONFLICT',
          details: { state: 'infusing' },
        }),
    });
    renderWithProviders(<AssessmentForm sessionId="s-1" />);

    fillValidBaseline();
    submit();

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'The session is now infusing: this cannot be done from there. The screen shows it as it stands.',
    );
  });

  it('has no default for the pregnancy test: the nurse must choose a result', () => {
    const fetchMock = installFakeFetch({});
    renderWithProviders(<AssessmentForm sessionId="s-1" />);

    expect(screen.getByLabelText('Pregnancy test')).toHaveValue('');
    fillValidBaseline();
    type('Pregnancy test', '');
    submit();

    expect(
      screen.getByText('Pregnancy test must be chosen: negative, positive or not applicable'),
    ).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
