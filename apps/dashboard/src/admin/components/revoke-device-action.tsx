import type { Device } from '@vigil/shared';
import { useState } from 'react';
import { ErrorNotice } from '../../ui/components/error-notice';
import { useRevokeDevice } from '../hooks/use-devices';

/** Revoking cannot be undone (the device must be registered again), so it asks first. */
export function RevokeDeviceAction({ device }: { device: Device }) {
  const revoke = useRevokeDevice();
  const [confirming, setConfirming] = useState(false);

  if (!confirming) {
    return (
      <button className="button" type="button" onClick={() => setConfirming(true)}>
        Revoke<span className="visually-hidden"> {device.label}</span>
      </button>
    );
  }
  return (
    <div className="confirm-revoke" role="group" aria-label={`Confirm revoking ${device.label}`}>
      <span>
        Revoke {device.label}? Its readings will be refused from now on. This cannot be undone.
      </span>
      <button
        className="button button--danger"
        type="button"
        disabled={revoke.isPending}
        onClick={() => revoke.mutate(device.id)}
      >
        Yes, revoke<span className="visually-hidden"> {device.label}</span>
      </button>
      <button className="button" type="button" onClick={() => setConfirming(false)}>
        Cancel
      </button>
      {revoke.isError && (
        <ErrorNotice title={`Could not revoke ${device.label}`} error={revoke.error} />
      )}
    </div>
  );
}
