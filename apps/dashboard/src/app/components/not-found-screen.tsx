import { Link } from 'react-router';
import { useCurrentUser } from '../../auth/hooks/use-auth-session';
import { landingPath } from '../routes/route-access';
import './status-screen.css';

export function NotFoundScreen() {
  const { role } = useCurrentUser();
  return (
    <main className="status-screen" aria-labelledby="not-found-title">
      <h1 id="not-found-title">Page not found</h1>
      <p>There is no page at this address.</p>
      <p>
        <Link to={landingPath(role, undefined)}>Go to your home page</Link>
      </p>
    </main>
  );
}
