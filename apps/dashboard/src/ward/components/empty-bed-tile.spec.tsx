import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { EmptyBedTile } from './empty-bed-tile';

describe('EmptyBedTile', () => {
  it('opens the admission with its chair filled in', () => {
    render(
      <MemoryRouter>
        <EmptyBedTile bay="B 4" admittable />
      </MemoryRouter>,
    );
    expect(screen.getByText('Empty')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Admit to this chair' })).toHaveAttribute(
      'href',
      '/admit?bay=B%204',
    );
  });

  it('offers nothing on the wall display, which nobody works at', () => {
    render(
      <MemoryRouter>
        <EmptyBedTile bay="3" admittable={false} />
      </MemoryRouter>,
    );
    expect(screen.getByText('Empty')).toBeInTheDocument();
    expect(screen.queryByRole('link')).toBeNull();
  });
});
