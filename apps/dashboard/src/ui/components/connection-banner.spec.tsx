import { render, screen } from '@testing-library/react';
import { ConnectionBanner } from './connection-banner';

describe('ConnectionBanner', () => {
  it('is absent while live updates flow', () => {
    const { container } = render(<ConnectionBanner status="connected" />);
    expect(container).toBeEmptyDOMElement();
  });

  it('raises an alert while the connection is lost and being retried', () => {
    render(<ConnectionBanner status="reconnecting" />);
    expect(screen.getByRole('alert')).toHaveTextContent('Live updates lost — reconnecting…');
  });

  it('raises an alert telling the nurse to reload when the client will not retry', () => {
    render(<ConnectionBanner status="disconnected" />);
    expect(screen.getByRole('alert')).toHaveTextContent(/Live updates lost.*Reload the page/);
  });

  it('shows a quiet status while the first connection is made', () => {
    render(<ConnectionBanner status="connecting" />);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Connecting to live updates…');
  });
});
