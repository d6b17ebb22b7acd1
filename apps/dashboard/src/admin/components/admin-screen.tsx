import { DevicesSection } from './devices-section';
import { UsersSection } from './users-section';
import '../../ui/components/page.css';
import './admin-screen.css';

/**
 * Users and bedside devices: who may sign in and which monitors may send readings. Clinical
 * limits are a physician's (the limits page); an admin changes none.
 */
export function AdminScreen() {
  return (
    <main className="page" aria-labelledby="admin-screen-title">
      <h1 id="admin-screen-title">Administration</h1>
      <UsersSection />
      <DevicesSection />
    </main>
  );
}
