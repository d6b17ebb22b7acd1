import type { Device } from '@vigil/shared';
import { ErrorNotice } from '../../ui/components/error-notice';
import { formatLocalDateTime } from '../../ui/utils/format-date-time';
import { useDevices } from '../hooks/use-devices';
import { RegisterDeviceForm } from './register-device-form';
import { RevokeDeviceAction } from './revoke-device-action';

export function DevicesSection() {
  const { data: devices, error, isPending } = useDevices();
  return (
    <section className="page__section" aria-labelledby="devices-section-title">
      <h2 id="devices-section-title">Devices</h2>
      <RegisterDeviceForm />
      {error && <ErrorNotice title="Could not load devices" error={error} />}
      {isPending && (
        <p className="page__status" role="status">
          Loading devices…
        </p>
      )}
      {devices?.length === 0 && <p className="page__status">No devices registered yet.</p>}
      {devices && devices.length > 0 && (
        <div className="data-table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">Bedside devices</caption>
            <thead>
              <tr>
                <th scope="col">Label</th>
                <th scope="col">Bay</th>
                <th scope="col">Key prefix</th>
                <th scope="col">Registered</th>
                <th scope="col">Revoked</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {devices.map((device) => (
                <DeviceRow key={device.id} device={device} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function DeviceRow({ device }: { device: Device }) {
  return (
    <tr data-testid={`device-row-${device.id}`}>
      <th scope="row">{device.label}</th>
      <td>{device.bay ?? 'Any bay'}</td>
      <td>
        <code>{device.keyPrefix}…</code>
      </td>
      <td>
        <time dateTime={device.createdAt}>{formatLocalDateTime(device.createdAt)}</time>
      </td>
      <td>
        {device.revokedAt ? (
          <>
            Yes, <time dateTime={device.revokedAt}>{formatLocalDateTime(device.revokedAt)}</time>
          </>
        ) : (
          'No'
        )}
      </td>
      <td>{!device.revokedAt && <RevokeDeviceAction device={device} />}</td>
    </tr>
  );
}
