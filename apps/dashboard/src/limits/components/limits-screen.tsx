import { ThresholdProfilesSection } from './threshold-profiles-section';
import '../../ui/components/page.css';

/**
 * The alarm limits sessions are monitored by: a physician's to set (contract: roles), within the
 * safety floors the shared schema holds, replayed on a recorded session before saving. A running
 * session keeps the limits it started with; an edit here applies to sessions started after it.
 */
export function LimitsScreen() {
  return (
    <main className="page" aria-labelledby="limits-screen-title">
      <h1 id="limits-screen-title">Clinical limits</h1>
      <p className="page__status">
        Changes apply to sessions that start after saving. A running session keeps the limits it
        started with unless they are changed on its own screen.
      </p>
      <ThresholdProfilesSection />
    </main>
  );
}
