import { Navigate, Route, Routes, useLocation } from 'react-router';
import type { ClinicianSocket } from '../../api/socket-client';
import { AdminScreen } from '../../admin/components/admin-screen';
import { AdmissionScreen } from '../../admission/components/admission-screen';
import { AlarmLoadScreen } from '../../analytics/components/alarm-load-screen';
import { LimitsScreen } from '../../limits/components/limits-screen';
import { AlertsScreen } from '../../alerts/components/alerts-screen';
import { AuditScreen } from '../../audit/components/audit-screen';
import { SessionLogScreen } from '../../audit/components/session-log-screen';
import { SessionSearchScreen } from '../../audit/components/session-search-screen';
import { LoginScreen } from '../../auth/components/login-screen';
import { CourseScreen } from '../../course/components/course-screen';
import { FollowUpsScreen } from '../../follow-ups/components/follow-ups-screen';
import { useAuthSession, useCurrentUser } from '../../auth/hooks/use-auth-session';
import { OnCallScreen } from '../../on-call/components/on-call-screen';
import { TodayScreen } from '../../schedule/components/today-screen';
import { SessionScreen } from '../../session/components/session-screen';
import { WardScreen } from '../../ward/components/ward-screen';
import { landingPath, LOGIN_PATH, PAGES, readFrom } from '../routes/route-access';
import { AppShell } from './app-shell';
import { NotFoundScreen } from './not-found-screen';
import { RequireAuth, RequireRole } from './route-guards';

interface AppRoutesProps {
  createSocket?: () => ClinicianSocket;
}

export function AppRoutes({ createSocket }: AppRoutesProps) {
  return (
    <Routes>
      <Route path={LOGIN_PATH} element={<LoginRoute />} />
      <Route element={<RequireAuth />}>
        <Route element={<AppShell createSocket={createSocket} />}>
          <Route index element={<HomeRedirect />} />
          <Route
            path={PAGES.ward.path}
            element={
              <RequireRole page="ward">
                <WardScreen />
              </RequireRole>
            }
          />
          <Route
            path={PAGES.today.path}
            element={
              <RequireRole page="today">
                <TodayScreen />
              </RequireRole>
            }
          />
          <Route
            path={PAGES.admit.path}
            element={
              <RequireRole page="admit">
                <AdmissionScreen />
              </RequireRole>
            }
          />
          <Route
            path={PAGES.alerts.path}
            element={
              <RequireRole page="alerts">
                <AlertsScreen />
              </RequireRole>
            }
          />
          <Route
            path={PAGES.onCall.path}
            element={
              <RequireRole page="onCall">
                <OnCallScreen />
              </RequireRole>
            }
          />
          <Route
            path={PAGES.analytics.path}
            element={
              <RequireRole page="analytics">
                <AlarmLoadScreen />
              </RequireRole>
            }
          />
          <Route
            path={`${PAGES.course.path}/:patientId/course`}
            element={
              <RequireRole page="course">
                <CourseScreen />
              </RequireRole>
            }
          />
          <Route
            path={PAGES.followUps.path}
            element={
              <RequireRole page="followUps">
                <FollowUpsScreen />
              </RequireRole>
            }
          />
          <Route
            path={`${PAGES.session.path}/:sessionId`}
            element={
              <RequireRole page="session">
                <SessionScreen />
              </RequireRole>
            }
          />
          <Route
            path={PAGES.sessionLogs.path}
            element={
              <RequireRole page="sessionLogs">
                <SessionSearchScreen />
              </RequireRole>
            }
          />
          <Route
            path={`${PAGES.sessionLogs.path}/:sessionId`}
            element={
              <RequireRole page="sessionLogs">
                <SessionLogScreen />
              </RequireRole>
            }
          />
          <Route
            path={PAGES.audit.path}
            element={
              <RequireRole page="audit">
                <AuditScreen />
              </RequireRole>
            }
          />
          <Route
            path={PAGES.limits.path}
            element={
              <RequireRole page="limits">
                <LimitsScreen />
              </RequireRole>
            }
          />
          <Route
            path={PAGES.admin.path}
            element={
              <RequireRole page="admin">
                <AdminScreen />
              </RequireRole>
            }
          />
          <Route path="*" element={<NotFoundScreen />} />
        </Route>
      </Route>
    </Routes>
  );
}

const SESSION_EXPIRED_NOTICE = 'Your session has ended. Sign in again to continue.';

/** The login form, or — once signed in — on to the page the user wanted or their home. */
function LoginRoute() {
  const { session, endReason } = useAuthSession();
  const location = useLocation();
  if (session) {
    return <Navigate to={landingPath(session.user.role, readFrom(location.state))} replace />;
  }
  return <LoginScreen notice={endReason === 'expired' ? SESSION_EXPIRED_NOTICE : undefined} />;
}

function HomeRedirect() {
  const { role } = useCurrentUser();
  return <Navigate to={landingPath(role, undefined)} replace />;
}
