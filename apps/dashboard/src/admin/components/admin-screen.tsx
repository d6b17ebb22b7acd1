import { DevicesSection } from './devices-section';
import { ThresholdProfilesSection } from './threshold-profiles-section';
import { UsersSection } from './users-section';
import '../../ui/components/page.css';
import './admin-screen.css';

/**
 * Users, bedside devices and threshold profiles: who may sign in, which monitors may send
 * readings, and the limits their readings are held to.
 */
export function AdminScreen() {
  return (
    <main className="page" aria-labelledby="admin-screen-title">
      <h1 id="admin-screen-title">Administration</h1>
      <UsersSection />
      <DevicesSection />
      <ThresholdProfilesSection />
    </main>
  );
}
