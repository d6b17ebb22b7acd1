import { render, screen } from '@testing-library/react';
import { ApiError } from '../../api/api-error';
import { ErrorNotice } from './error-notice';

describe('ErrorNotice', () => {
  it('says plainly that a forbidden action is not allowed', () => {
    render(<ErrorNotice title="Could not load users" error={new ApiError(403, ['Forbidden'])} />);
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Could not load users: Not allowed — your role may not do this (Forbidden)',
    );
  });

  it('passes any other error’s message through', () => {
    render(<ErrorNotice title="Could not save" error={new ApiError(500, ['database down'])} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Could not save: database down');
  });
});
