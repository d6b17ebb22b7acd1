import type { DeviceCreated } from '@vigil/shared';
import { useEffect, useRef, useState } from 'react';

type CopyState = 'idle' | 'copied' | 'failed';

interface OneTimeKeyNoticeProps {
  device: DeviceCreated;
  onDismiss: () => void;
}

/** The device's key, shown this once: the server keeps only its hash. */
export function OneTimeKeyNotice({ device, onDismiss }: OneTimeKeyNoticeProps) {
  const [copyState, setCopyState] = useState<CopyState>('idle');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const keyRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, [device.id]);

  const copy = async () => {
    try {
      // Missing outside a secure context (a ward PC on plain http).
      if (!navigator.clipboard) throw new Error('Clipboard unavailable');
      await navigator.clipboard.writeText(device.apiKey);
      setCopyState('copied');
    } catch {
      keyRef.current?.select();
      setCopyState('failed');
    }
  };

  return (
    <section className="one-time-key" aria-labelledby="one-time-key-title">
      <h3 id="one-time-key-title" ref={headingRef} tabIndex={-1}>
        Key for {device.label}
        {device.bay ? ` (bay ${device.bay})` : ''}
      </h3>
      <p className="one-time-key__warning">
        Copy this key into the device now. It is shown only this once and cannot be shown again: if
        it is lost, revoke the device and register it again.
      </p>
      <div className="one-time-key__value">
        <input
          ref={keyRef}
          readOnly
          aria-label="Device key"
          data-testid="device-api-key"
          value={device.apiKey}
          onFocus={(event) => event.target.select()}
        />
        <button className="button button--primary" type="button" onClick={() => void copy()}>
          Copy key
        </button>
      </div>
      <p className="page__status" role="status">
        {copyState === 'copied' && 'Key copied to the clipboard.'}
        {copyState === 'failed' && 'Could not copy: the key is selected, copy it with Ctrl+C.'}
      </p>
      <div>
        <button className="button" type="button" onClick={onDismiss}>
          I have stored the key — hide it
        </button>
      </div>
    </section>
  );
}
