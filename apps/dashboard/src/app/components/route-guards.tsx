import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useAuthSession, useCurrentUser } from '../../auth/hooks/use-auth-session';
import { LOGIN_PATH, mayOpen, type PageId } from '../routes/route-access';
import { NotAllowedScreen } from './not-allowed-screen';

/**
 * Without a login, off to the login screen. After an expired login the page is remembered so the
 * next login returns to it; after a deliberate logout it is not.
 */
export function RequireAuth() {
  const { session, endReason } = useAuthSession();
  const location = useLocation();
  if (!session) {
    const from = `${location.pathname}${location.search}${location.hash}`;
    const state = endReason === 'logout' ? undefined : { from };
    return <Navigate to={LOGIN_PATH} replace state={state} />;
  }
  return <Outlet />;
}

interface RequireRoleProps {
  page: PageId;
  children: ReactNode;
}

/** A page the role may not open says so, rather than showing nothing. */
export function RequireRole({ page, children }: RequireRoleProps) {
  const { role } = useCurrentUser();
  return mayOpen(role, page) ? children : <NotAllowedScreen page={page} role={role} />;
}
