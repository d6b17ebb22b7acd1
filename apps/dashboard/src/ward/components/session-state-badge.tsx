import type { SessionState } from '@vigil/shared';
import { sessionStateLabel } from '../utils/session-labels';

interface SessionStateBadgeProps {
  state: SessionState;
}

/** The state in words; colour and border style only reinforce it. */
export function SessionStateBadge({ state }: SessionStateBadgeProps) {
  return (
    <span className="state-badge" data-state={state} data-testid="session-state">
      {sessionStateLabel(state)}
    </span>
  );
}
