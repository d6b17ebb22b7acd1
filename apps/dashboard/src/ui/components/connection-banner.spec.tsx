import { render, screen } from '@testing-library/react';
import type { ConnectionStatus } from '../../api/socket-client';
import { ConnectionBanner } from './connection-banner';

const lostAt = Date.parse('2026-11-25T10:00:00.000Z');

function renderBanner(status: ConnectionStatus, alarming = false) {
  return render(
    <ConnectionBanner
      connection={{ status, lostSince: status === 'connected' ? null : lostAt, alarming }}
    />,
  );
}

describe('ConnectionBanner', () => {
  it('is absent while live updates flow', () => {
    const { container } = renderBanner('connected');
    expect(container).toBeEmptyDOMElement();
  });

  it('raises an alert while the connection is lost and being retried', () => {
    renderBanner('reconnecting');
    expect(screen.getByRole('alert')).toHaveTextContent('Live updates lost — reconnecting…');
  });

  it('raises an alert telling the nurse to reload when the client will not retry', () => {
    renderBanner('disconnected');
    expect(screen.getByRole('alert')).toHaveTextContent(/Live updates lost.*Reload the page/);
  });

  it('shows a quiet status while the first connection is made', () => {
    renderBanner('connecting');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Connecting to live updates…');
  });

  it('names the technical alarm once it sounds', () => {
    renderBanner('reconnecting', true);
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Technical alarm — Live updates lost — reconnecting…',
    );
  });

  it('turns a first connection that never came into an alarm', () => {
    renderBanner('connecting', true);
    expect(screen.getByRole('alert')).toHaveTextContent(
      /Technical alarm — cannot reach the server.*no alarms from the chairs/,
    );
  });
});
