import type { User } from '@vigil/shared';
import { NavLink } from 'react-router';
import { logOut } from '../../auth/services/session-service';
import { roleLabel } from '../../auth/utils/role-labels';
import { ChargeNurseControl } from '../../duty/components/charge-nurse-control';
import { OrderSignatureNotices } from '../../schedule/components/order-signature-notices';
import { mayRecord, maySignOrder } from '../../session/utils/session-permissions';
import { AlarmSoundControl } from '../../ward/components/alarm-sound-control';
import { useSharedAlarmSound } from '../../ward/state/alarm-sound-context';
import { pagesFor } from '../routes/route-access';
import './top-bar.css';

interface TopBarProps {
  user: User;
  /** False on a page that shows the alarm sound's controls itself (the ward). */
  showAlarmSound?: boolean;
}

export function TopBar({ user, showAlarmSound = true }: TopBarProps) {
  const sound = useSharedAlarmSound();
  const pages = pagesFor(user.role);
  // A page with another page below it (Audit, Session logs) is current only on its own path.
  const hasPageBelow = (path: string) => pages.some((other) => other.path.startsWith(`${path}/`));
  return (
    <header className="top-bar">
      <span className="top-bar__brand">Vigil</span>
      <nav aria-label="Main">
        <ul className="top-bar__links">
          {pages.map((page) => (
            <li key={page.path}>
              <NavLink to={page.path} end={hasPageBelow(page.path)}>
                {page.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      {mayRecord(user.role) && <ChargeNurseControl user={user} />}
      {maySignOrder(user.role) && <OrderSignatureNotices />}
      {showAlarmSound && sound && (
        <div className="top-bar__alarm-sound" role="group" aria-label="Alarm sound">
          <AlarmSoundControl sound={sound} />
        </div>
      )}
      <p className="top-bar__user" data-testid="current-user">
        <span className="top-bar__name">{user.displayName}</span>
        <span className="top-bar__role">{roleLabel(user.role)}</span>
      </p>
      <button className="top-bar__logout" type="button" onClick={() => void logOut()}>
        Log out
      </button>
    </header>
  );
}
