import type { Role } from '@vigil/shared';
import { Link } from 'react-router';
import { roleLabel } from '../../auth/utils/role-labels';
import { landingPath, PAGES, pageForPath, type PageId } from '../routes/route-access';
import './status-screen.css';

interface NotAllowedScreenProps {
  page: PageId;
  role: Role;
}

export function NotAllowedScreen({ page, role }: NotAllowedScreenProps) {
  const home = landingPath(role, undefined);
  const homePage = pageForPath(home);
  return (
    <main className="status-screen" aria-labelledby="not-allowed-title">
      <h1 id="not-allowed-title">Not allowed</h1>
      <p>
        Your role, {roleLabel(role)}, may not open the {PAGES[page].label} page. Ask an
        administrator if you need it.
      </p>
      <p>
        <Link to={home}>Go to the {homePage ? PAGES[homePage].label : 'home'} page</Link>
      </p>
    </main>
  );
}
