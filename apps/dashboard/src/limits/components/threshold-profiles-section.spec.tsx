import {
  DEFAULT_THRESHOLD_PROFILE,
  type PreviewableSession,
  type ProfilePreview,
  type ProfilePreviewRequest,
  type ReplayedEpisode,
} from '@vigil/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { anAuthResponse } from '../../../test/auth.fixture';
import { installFakeFetch, jsonResponse, nestError, requestsTo } from '../../../test/fake-fetch';
import { renderWithProviders } from '../../../test/render-with-providers';
import { authStore } from '../../auth/state/auth-store';
import { ThresholdProfilesSection } from './threshold-profiles-section';

const SESSION: PreviewableSession = {
  id: '6f1c2a9e-0b7d-4c1e-9a3f-5d2b8e7c4a10',
  bay: '3',
  state: 'discharged',
  thresholdProfileId: 'default',
  createdAt: '2026-11-25T09:50:00.000Z',
  startedAt: '2026-11-25T10:00:00.000Z',
  endedAt: '2026-11-25T10:40:00.000Z',
};

const SPO2_EPISODE: ReplayedEpisode = {
  code: 'SPO2_LOW',
  priority: 'high',
  raisedPriority: 'medium',
  raisedAt: '2026-11-25T10:10:00.000Z',
  value: 93,
  threshold: 94,
  message: 'SpO2 93 < 94',
  upgrades: [{ priority: 'high', value: 88, threshold: 90, at: '2026-11-25T10:11:00.000Z' }],
  clearedAt: null,
  latched: true,
};
const HR_EPISODE: ReplayedEpisode = {
  code: 'HR_HIGH',
  priority: 'medium',
  raisedPriority: 'medium',
  raisedAt: '2026-11-25T10:20:00.000Z',
  value: 115,
  threshold: 110,
  message: 'HR 115 > 110',
  upgrades: [],
  clearedAt: '2026-11-25T10:21:00.000Z',
  latched: false,
};

/** The fake server's replay: the SpO2 episode only while its medium limit is above 93. */
function replay({ profile, sessionId }: ProfilePreviewRequest): ProfilePreview {
  const spo2 = profile.rules.find((rule) => rule.code === 'SPO2_LOW');
  const episodes = [
    ...(spo2?.medium !== null && spo2 !== undefined && spo2.medium > 93 ? [SPO2_EPISODE] : []),
    HR_EPISODE,
  ];
  return {
    sessionId,
    samples: 2400,
    from: '2026-11-25T10:00:00.000Z',
    to: '2026-11-25T10:40:00.000Z',
    episodes,
  };
}

function installProfileApi(
  save: (body: unknown) => Response = (body) =>
    jsonResponse(200, { id: 'default', ...(body as object) }),
) {
  return installFakeFetch({
    'GET /threshold-profiles': () => jsonResponse(200, [DEFAULT_THRESHOLD_PROFILE]),
    'GET /threshold-profiles/preview/sessions': () => jsonResponse(200, [SESSION]),
    'POST /threshold-profiles/preview': ({ body }) =>
      jsonResponse(200, replay(body as ProfilePreviewRequest)),
    'PUT /threshold-profiles/default': ({ body }) => save(body),
  });
}

const limitInput = (label: string) => screen.getByRole('textbox', { name: label });
const setValue = (element: HTMLElement, value: string) =>
  fireEvent.change(element, { target: { value } });

async function renderSection(fetchMock = installProfileApi()) {
  renderWithProviders(<ThresholdProfilesSection />);
  await screen.findByRole('form', { name: 'Edit Default (ketamine infusion)' });
  return fetchMock;
}

async function chooseSession() {
  const select = await screen.findByLabelText('Session');
  await within(select).findByRole('option', { name: /^Bay 3 — / });
  setValue(select, SESSION.id);
}

const previewRequests = (fetchMock: ReturnType<typeof installProfileApi>) =>
  requestsTo(fetchMock, 'POST /threshold-profiles/preview').map(
    (request) => request.body as ProfilePreviewRequest,
  );

describe('ThresholdProfilesSection', () => {
  beforeEach(() => {
    authStore.clear();
    authStore.signIn(anAuthResponse('physician'));
  });

  it('shows the profile’s rules and settings in the form', async () => {
    await renderSection();
    expect(limitInput('SpO2 low medium limit')).toHaveValue('94');
    expect(limitInput('SpO2 low high limit')).toHaveValue('90');
    expect(limitInput('Heart rate high delay in seconds')).toHaveValue('15');
    expect(limitInput('Systolic high baseline-relative medium')).toHaveValue('');
    expect(screen.getByLabelText('Escalate high after (s)')).toHaveValue('60');
    expect(screen.getByLabelText('Recovery at least (min)')).toHaveValue('30');
  });

  it('refuses what a safety floor forbids beside its field, as the server would, and saves nothing', async () => {
    const fetchMock = await renderSection();
    setValue(limitInput('SpO2 low medium limit'), '88');
    setValue(limitInput('SpO2 low high limit'), '80');
    setValue(limitInput('SpO2 low delay in seconds'), '45');
    setValue(limitInput('Heart rate high high limit'), '');
    setValue(screen.getByLabelText('Deep desaturation: SpO2 below (raises at once)'), '75');
    expect(limitInput('SpO2 low high limit')).toHaveAccessibleDescription(
      'SpO2 low high limit must be at least 85: the SpO2 high limit (safety floor)',
    );
    expect(limitInput('SpO2 low delay in seconds')).toHaveAccessibleDescription(
      'SpO2 low delay in seconds must be at most 30 s (safety floor)',
    );
    expect(limitInput('Heart rate high high limit')).toHaveAccessibleDescription(
      'Heart rate high high limit must be set: every sign keeps a high limit (safety floor)',
    );
    expect(
      screen.getByLabelText('Deep desaturation: SpO2 below (raises at once)'),
    ).toHaveAccessibleDescription(
      'Deep desaturation: SpO2 below (raises at once) must be at least 80: the deep-desaturation bypass (safety floor)',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Review and save' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Correct the marked fields before saving.');
    expect(requestsTo(fetchMock, 'PUT /threshold-profiles/default')).toHaveLength(0);
  });

  it('keeps the recovery minimum and the other settings it shows when saving', async () => {
    const fetchMock = await renderSection();
    setValue(screen.getByLabelText('Recovery at least (min)'), '45');
    fireEvent.click(screen.getByRole('button', { name: 'Review and save' }));
    expect(
      within(screen.getByTestId('profile-changes'))
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Recovery at least (min): 30 → 45']);
    fireEvent.click(screen.getByRole('button', { name: 'Confirm and save' }));
    await screen.findByText('Profile Default (ketamine infusion) saved.');
    const [put] = requestsTo(fetchMock, 'PUT /threshold-profiles/default');
    const { id: _id, ...definition } = DEFAULT_THRESHOLD_PROFILE;
    expect(put?.body).toEqual({ ...definition, recoveryMinimumMin: 45 });
  });

  it('replays nothing until a session is chosen, then shows what the rules would raise', async () => {
    const fetchMock = await renderSection();
    expect(previewRequests(fetchMock)).toHaveLength(0);
    await chooseSession();

    expect(await screen.findByTestId('preview-summary')).toHaveTextContent(
      'With these rules: 2 alerts (1 high, 1 medium); with the saved rules: 2 alerts (1 high, 1 medium).',
    );
    const [spo2, hr] = screen.getAllByTestId('would-be-alert');
    expect(within(spo2!).getByRole('rowheader')).toHaveTextContent('SpO2 low');
    expect(spo2).toHaveTextContent('HIGH');
    expect(spo2).toHaveTextContent('SpO2 93 < 94');
    expect(spo2).toHaveTextContent('Latched: a high alert stays until acknowledged');
    expect(hr).toHaveTextContent(/Cleared \d{4}-\d{2}-\d{2} \d{2}:21:00/);
    // The saved profile and the untouched draft are one and the same replay.
    expect(previewRequests(fetchMock)).toEqual([
      {
        sessionId: SESSION.id,
        profile: expect.objectContaining({ name: DEFAULT_THRESHOLD_PROFILE.name }),
      },
    ]);
  });

  it('replays the edited, unsaved rules once typing pauses, beside the saved ones', async () => {
    const fetchMock = await renderSection();
    await chooseSession();
    await screen.findAllByTestId('would-be-alert');

    setValue(limitInput('SpO2 low medium limit'), '93');
    setValue(limitInput('SpO2 low medium limit'), '92');
    expect(screen.getByTestId('preview-summary')).toHaveTextContent('Updating…');

    await waitFor(() =>
      expect(screen.getByTestId('preview-summary')).toHaveTextContent(
        'With these rules: 1 alert (1 medium); with the saved rules: 2 alerts (1 high, 1 medium).',
      ),
    );
    const mediums = previewRequests(fetchMock).map((request) => request.profile.rules[0]?.medium);
    expect(mediums).toEqual([94, 92]);
    expect(screen.getAllByTestId('would-be-alert')).toHaveLength(1);
    expect(requestsTo(fetchMock, 'PUT /threshold-profiles/default')).toHaveLength(0);
  });

  it('names an invalid value beside its field and replays nothing while it stands', async () => {
    const fetchMock = await renderSection();
    await chooseSession();
    await screen.findAllByTestId('would-be-alert');

    setValue(limitInput('Systolic high high limit'), '150');
    expect(limitInput('Systolic high high limit')).toHaveAccessibleDescription(
      'Systolic high high limit must be at or above medium (160)',
    );
    expect(screen.getByRole('status')).toHaveTextContent(
      'Correct the marked fields to see the preview.',
    );
    expect(screen.queryByTestId('would-be-alert')).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Review and save' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Correct the marked fields before saving.');
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(previewRequests(fetchMock)).toHaveLength(1);
  });

  it('saves only after the physician confirms the changes, listed in words', async () => {
    const fetchMock = await renderSection();
    setValue(limitInput('SpO2 low medium limit'), '92');
    setValue(screen.getByLabelText('Escalate high after (s)'), '30');
    fireEvent.click(screen.getByRole('button', { name: 'Review and save' }));

    const changes = within(screen.getByTestId('profile-changes')).getAllByRole('listitem');
    expect(changes.map((item) => item.textContent)).toEqual([
      'Escalate high after (s): 60 → 30',
      'SpO2 low — medium limit: 94 → 92',
    ]);
    expect(requestsTo(fetchMock, 'PUT /threshold-profiles/default')).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: 'Confirm and save' }));
    expect(
      await screen.findByText('Profile Default (ketamine infusion) saved.'),
    ).toBeInTheDocument();
    const [put] = requestsTo(fetchMock, 'PUT /threshold-profiles/default');
    expect(put?.body).toMatchObject({
      escalationS: { high: 30, medium: 180 },
      rules: expect.arrayContaining([expect.objectContaining({ code: 'SPO2_LOW', medium: 92 })]),
    });
    expect(put?.body).not.toHaveProperty('id');
    expect(screen.queryByTestId('profile-changes')).not.toBeInTheDocument();
    expect(limitInput('SpO2 low medium limit')).toHaveValue('92');
  });

  it('keeps the edits and says so when the physician keeps editing instead', async () => {
    const fetchMock = await renderSection();
    setValue(limitInput('SpO2 low medium limit'), '92');
    fireEvent.click(screen.getByRole('button', { name: 'Review and save' }));
    fireEvent.click(screen.getByRole('button', { name: 'Keep editing' }));
    expect(screen.queryByTestId('profile-changes')).not.toBeInTheDocument();
    expect(limitInput('SpO2 low medium limit')).toHaveValue('92');
    fireEvent.click(screen.getByRole('button', { name: 'Discard changes' }));
    expect(limitInput('SpO2 low medium limit')).toHaveValue('94');
    fireEvent.click(screen.getByRole('button', { name: 'Review and save' }));
    expect(screen.getByRole('status')).toHaveTextContent('Nothing has changed.');
    expect(requestsTo(fetchMock, 'PUT /threshold-profiles/default')).toHaveLength(0);
  });

  it('shows the server’s reasons when it refuses the profile', async () => {
    await renderSection(installProfileApi(() => nestError(400, ['name is already in use'])));
    setValue(limitInput('SpO2 low medium limit'), '92');
    fireEvent.click(screen.getByRole('button', { name: 'Review and save' }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirm and save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not save the profile: name is already in use',
    );
  });

  it('says a safety floor holds when the server refuses one (SAFETY_FLOOR)', async () => {
    await renderSection(
      installProfileApi(() =>
        jsonResponse(400, {
          statusCode: 400,
          error: 'Bad Request',
          code: 'SAFETY_FLOOR',
          message: ['rules[0].high must be at least 85: the SpO2 high limit (safety floor)'],
          details: { floors: [{ field: 'rules[0].high', floor: 'SPO2_HIGH_MINIMUM' }] },
        }),
      ),
    );
    setValue(limitInput('SpO2 low medium limit'), '92');
    fireEvent.click(screen.getByRole('button', { name: 'Review and save' }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirm and save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not save the profile: a safety floor holds: rules[0].high must be at least 85: the SpO2 high limit (safety floor)',
    );
  });
});
