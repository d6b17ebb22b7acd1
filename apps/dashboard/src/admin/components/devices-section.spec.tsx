import type { Device, DeviceCreated } from '@vigil/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { anAuthResponse } from '../../../test/auth.fixture';
import { installFakeFetch, jsonResponse, nestError, requestsTo } from '../../../test/fake-fetch';
import { renderWithProviders } from '../../../test/render-with-providers';
import { authStore } from '../../auth/state/auth-store';
import { DevicesSection } from './devices-section';

const API_KEY = 'vgl_9f2c41d07e8b4a6f93c1d5e2a7b80c64';

function aDevice(overrides: Partial<Device> = {}): Device {
  return {
    id: 'd-1',
    label: 'Monitor 1',
    bay: '1',
    keyPrefix: 'vgl_1a2b',
    hl7: null,
    createdAt: '2026-11-20T08:00:00.000Z',
    revokedAt: null,
    ...overrides,
  };
}

function installDeviceApi() {
  const devices: Device[] = [aDevice()];
  const fetchMock = installFakeFetch({
    'GET /devices': () => jsonResponse(200, devices),
    'POST /devices': ({ body }) => {
      const { label, bay = null } = body as { label: string; bay?: string };
      const created: DeviceCreated = { id: 'd-2', label, bay, hl7: null, apiKey: API_KEY };
      devices.push(
        aDevice({ id: 'd-2', label, bay, keyPrefix: API_KEY.slice(0, 8), revokedAt: null }),
      );
      return jsonResponse(201, created);
    },
    'POST /devices/d-1/revoke': () => {
      devices[0] = aDevice({ revokedAt: '2026-11-25T10:00:00.000Z' });
      return jsonResponse(200, devices[0]);
    },
  });
  return fetchMock;
}

function register(label: string, bay = '') {
  fireEvent.change(screen.getByLabelText('Label'), { target: { value: label } });
  fireEvent.change(screen.getByLabelText('Bay'), { target: { value: bay } });
  fireEvent.click(screen.getByRole('button', { name: 'Register device' }));
}

describe('DevicesSection', () => {
  beforeEach(() => {
    authStore.clear();
    authStore.signIn(anAuthResponse('admin'));
  });

  it('lists each device with its bay, key prefix and whether it is revoked', async () => {
    installDeviceApi();
    renderWithProviders(<DevicesSection />);

    const row = await screen.findByTestId('device-row-d-1');
    expect(within(row).getByRole('rowheader')).toHaveTextContent('Monitor 1');
    expect(row).toHaveTextContent('vgl_1a2b…');
    expect(within(row).getAllByRole('cell')[3]).toHaveTextContent('No');
  });

  it('shows the new device’s key once, with a copy button and a warning', async () => {
    const fetchMock = installDeviceApi();
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const { queryClient } = renderWithProviders(<DevicesSection />);
    await screen.findByTestId('device-row-d-1');

    register('Monitor 7', ' 7 ');

    const key = await screen.findByLabelText('Device key');
    expect(key).toHaveValue(API_KEY);
    expect(requestsTo(fetchMock, 'POST /devices')[0]?.body).toEqual({
      label: 'Monitor 7',
      bay: '7',
    });
    expect(screen.getByRole('heading', { name: 'Key for Monitor 7 (bay 7)' })).toHaveFocus();
    expect(screen.getByText(/shown only this once and cannot be shown again/)).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Copy key' }));
    expect(await screen.findByText('Key copied to the clipboard.')).toBeInTheDocument();
    expect(writeText).toHaveBeenCalledWith(API_KEY);

    // The list shows only the prefix; once hidden, the key is nowhere on the page.
    const newRow = await screen.findByTestId('device-row-d-2');
    expect(newRow).not.toHaveTextContent(API_KEY);
    fireEvent.click(screen.getByRole('button', { name: /I have stored the key/ }));
    await waitFor(() => expect(screen.queryByLabelText('Device key')).not.toBeInTheDocument());
    expect(document.body).not.toHaveTextContent(API_KEY);
    expect(
      screen.getAllByRole('textbox').map((box) => (box as HTMLInputElement).value),
    ).not.toContain(API_KEY);
    const cached = () =>
      JSON.stringify([
        queryClient
          .getQueryCache()
          .getAll()
          .map((query) => query.state.data),
        queryClient
          .getMutationCache()
          .getAll()
          .map((mutation) => mutation.state.data),
      ]);
    await waitFor(() => expect(cached()).not.toContain(API_KEY));
  });

  it('tells the admin to copy by hand when the clipboard is unavailable', async () => {
    installDeviceApi();
    Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
    renderWithProviders(<DevicesSection />);
    register('Monitor 8');

    fireEvent.click(await screen.findByRole('button', { name: 'Copy key' }));
    expect(await screen.findByText(/Could not copy: the key is selected/)).toBeInTheDocument();
  });

  it('sends no bay for a device that may serve any bay', async () => {
    const fetchMock = installDeviceApi();
    renderWithProviders(<DevicesSection />);
    register('Spare monitor', '   ');

    await screen.findByLabelText('Device key');
    expect(requestsTo(fetchMock, 'POST /devices')[0]?.body).toEqual({ label: 'Spare monitor' });
  });

  it('names an empty label beside the field and registers nothing', () => {
    const fetchMock = installDeviceApi();
    renderWithProviders(<DevicesSection />);
    register('  ');

    expect(screen.getByLabelText('Label')).toHaveAccessibleDescription(
      expect.stringContaining('Label must not be empty'),
    );
    expect(requestsTo(fetchMock, 'POST /devices')).toHaveLength(0);
  });

  it('shows plainly when the server does not allow the registration', async () => {
    installFakeFetch({
      'GET /devices': () => jsonResponse(200, []),
      'POST /devices': () => nestError(403, 'Forbidden resource', 'Forbidden'),
    });
    renderWithProviders(<DevicesSection />);
    register('Monitor 9');

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not register the device: Not allowed — your role may not do this',
    );
    expect(authStore.getSnapshot().session).not.toBeNull();
  });

  it('revokes a device only after a confirmation', async () => {
    const fetchMock = installDeviceApi();
    renderWithProviders(<DevicesSection />);
    const row = await screen.findByTestId('device-row-d-1');

    fireEvent.click(within(row).getByRole('button', { name: 'Revoke Monitor 1' }));
    expect(requestsTo(fetchMock, 'POST /devices/d-1/revoke')).toHaveLength(0);
    const confirm = within(row).getByRole('group', { name: 'Confirm revoking Monitor 1' });
    expect(confirm).toHaveTextContent('This cannot be undone');

    fireEvent.click(within(confirm).getByRole('button', { name: 'Yes, revoke Monitor 1' }));
    await waitFor(() => expect(within(row).getAllByRole('cell')[3]).toHaveTextContent(/^Yes, /));
    expect(requestsTo(fetchMock, 'POST /devices/d-1/revoke')).toHaveLength(1);
    expect(within(row).queryByRole('button')).not.toBeInTheDocument();
  });

  it('does nothing when the confirmation is cancelled', async () => {
    const fetchMock = installDeviceApi();
    renderWithProviders(<DevicesSection />);
    const row = await screen.findByTestId('device-row-d-1');

    fireEvent.click(within(row).getByRole('button', { name: 'Revoke Monitor 1' }));
    fireEvent.click(within(row).getByRole('button', { name: 'Cancel' }));
    expect(within(row).getByRole('button', { name: 'Revoke Monitor 1' })).toBeInTheDocument();
    expect(requestsTo(fetchMock, 'POST /devices/d-1/revoke')).toHaveLength(0);
  });
});
