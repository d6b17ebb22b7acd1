import type { AuditEntry, AuditVerification } from '@vigil/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes, useLocation } from 'react-router';
import { anAuthResponse } from '../../../test/auth.fixture';
import { installFakeFetch, jsonResponse, nestError, requestsTo } from '../../../test/fake-fetch';
import { renderWithProviders } from '../../../test/render-with-providers';
import { authStore } from '../../auth/state/auth-store';
import { AuditScreen } from './audit-screen';

const SESSION_ID = '6f1c2a9e-0b7d-4c1e-9a3f-5d2b8e7c4a10';

function anEntry(seq: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    seq,
    at: `2026-11-25T10:00:${String(seq).padStart(2, '0')}.000Z`,
    actor: 'nurse',
    role: 'nurse',
    action: 'session.start',
    entity: 'session',
    entityId: SESSION_ID,
    sessionId: SESSION_ID,
    detail: { bay: '3', plannedDurationMin: 40 },
    prevHash: `hash-${seq - 1}`,
    hash: `hash-${seq}`,
    ...overrides,
  };
}

function Search() {
  return <div data-testid="search">{useLocation().search}</div>;
}

function renderAudit(
  verification: AuditVerification,
  entries: AuditEntry[] = [anEntry(1), anEntry(2)],
  path = '/audit',
) {
  const fetchMock = installFakeFetch({
    'GET /audit': () => jsonResponse(200, entries),
    'GET /audit/verify': () => jsonResponse(200, verification),
  });
  renderWithProviders(
    <Routes>
      <Route
        path="/audit"
        element={
          <>
            <AuditScreen />
            <Search />
          </>
        }
      />
    </Routes>,
    { path },
  );
  return fetchMock;
}

describe('AuditScreen', () => {
  beforeEach(() => {
    authStore.clear();
    authStore.signIn(anAuthResponse('auditor'));
  });

  it('says in words that the chain is verified, with the number of entries', async () => {
    renderAudit({ valid: true, entries: 1234 });
    const status = await screen.findByTestId('chain-status');
    expect(status).toHaveTextContent('Chain verified — 1,234 entries');
    expect(status).toHaveClass('chain-status--ok');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('raises an alert naming the entry where the chain is broken, and marks that entry', async () => {
    renderAudit({ valid: false, brokenAt: 2 });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Chain broken at entry #2');
    expect(screen.getByTestId('chain-status')).toHaveClass('chain-status--broken');
    expect(screen.queryByText(/Chain verified/)).not.toBeInTheDocument();

    const broken = await screen.findByTestId('audit-entry-2');
    expect(broken).toHaveTextContent('chain broken here');
    expect(screen.getByTestId('audit-entry-1')).not.toHaveTextContent('chain broken here');
  });

  it('shows why the chain could not be verified', async () => {
    installFakeFetch({
      'GET /audit': () => jsonResponse(200, []),
      'GET /audit/verify': () => nestError(503, 'database unavailable'),
    });
    renderWithProviders(<AuditScreen />);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not verify the audit chain: database unavailable',
    );
    expect(screen.queryByTestId('chain-status')).not.toBeInTheDocument();
  });

  it('verifies again on request', async () => {
    const fetchMock = renderAudit({ valid: true, entries: 2 });
    await screen.findByText('Chain verified — 2 entries');
    fireEvent.click(screen.getByRole('button', { name: 'Verify again' }));
    await waitFor(() => expect(requestsTo(fetchMock, 'GET /audit/verify')).toHaveLength(2));
  });

  it('lists each entry with its columns and a summary of its detail', async () => {
    renderAudit({ valid: true, entries: 1 }, [
      anEntry(7, { actor: 'device:Monitor 3', role: 'device', action: 'vitals.ingest' }),
    ]);
    const row = await screen.findByTestId('audit-entry-7');
    const cells = within(row)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    expect(within(row).getByRole('rowheader')).toHaveTextContent('7');
    expect(cells.slice(1)).toEqual([
      'device:Monitor 3',
      'device',
      'vitals.ingest',
      'session',
      SESSION_ID,
      'bay: 3, plannedDurationMin: 40',
    ]);
    expect(screen.getByTestId('audit-count')).toHaveTextContent('1 entry');
  });

  it('asks the server for what the filters say and keeps them in the address', async () => {
    const fetchMock = renderAudit({ valid: true, entries: 2 });
    await screen.findByTestId('audit-entry-1');

    fireEvent.change(screen.getByLabelText('Actor'), { target: { value: ' physician ' } });
    fireEvent.change(screen.getByLabelText('Session id'), { target: { value: SESSION_ID } });
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-11-25T09:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }));

    await waitFor(() => expect(requestsTo(fetchMock, 'GET /audit')).toHaveLength(2));
    const query = requestsTo(fetchMock, 'GET /audit')[1]!.query;
    expect(query.get('actor')).toBe('physician');
    expect(query.get('sessionId')).toBe(SESSION_ID);
    expect(query.get('from')).toBe(new Date('2026-11-25T09:00').toISOString());
    expect(query.get('limit')).toBe('1000');
    expect(screen.getByTestId('search')).toHaveTextContent(
      `actor=physician&sessionId=${SESSION_ID}`,
    );
  });

  it('names a malformed session id beside the field and asks nothing', async () => {
    const fetchMock = renderAudit({ valid: true, entries: 2 });
    await screen.findByTestId('audit-entry-1');

    fireEvent.change(screen.getByLabelText('Session id'), { target: { value: 'bay 3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }));

    expect(screen.getByLabelText('Session id')).toHaveAccessibleDescription(
      'Session id must be a session id (UUID)',
    );
    expect(requestsTo(fetchMock, 'GET /audit')).toHaveLength(1);
  });

  it('opens with the filters of a shared address', async () => {
    const fetchMock = renderAudit({ valid: true, entries: 2 }, [], '/audit?actor=admin');
    expect(await screen.findByText('No entries match these filters.')).toBeInTheDocument();
    expect(screen.getByLabelText('Actor')).toHaveValue('admin');
    expect(requestsTo(fetchMock, 'GET /audit')[0]?.query.get('actor')).toBe('admin');
  });
});
