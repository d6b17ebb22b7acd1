import { render, screen } from '@testing-library/react';
import { SystemDelayNotice } from './system-delay-notice';

describe('SystemDelayNotice', () => {
  it('says Vigil’s own delay quietly while it is short', () => {
    render(<SystemDelayNotice delayMs={240} />);
    const notice = screen.getByTestId('system-delay');
    expect(notice.textContent).toBe('Vigil delay 0.2 s');
    expect(notice.dataset.late).toBe('false');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('warns in words when readings and their alarms reach the screen late', () => {
    render(<SystemDelayNotice delayMs={12_600} />);
    const warning = screen.getByRole('alert');
    expect(warning.textContent).toMatch(/running late.*up to 13 s/);
    expect(warning.textContent).toMatch(/bedside monitors stay the primary alarm/);
  });

  it('shows nothing before a frame has said anything', () => {
    const { container } = render(<SystemDelayNotice delayMs={null} />);
    expect(container.textContent).toBe('');
  });
});
