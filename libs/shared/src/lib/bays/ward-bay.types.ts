import type { SessionState } from '../sessions/session-state';

/**
 * One chair of the ward (`GET /bays`): the bays with a registered bedside device, the bays of live
 * sessions and, in demo mode, the demo ward's. `sessionId` and `state` are null for an empty chair.
 */
export interface WardBay {
  bay: string;
  sessionId: string | null;
  state: SessionState | null;
}
