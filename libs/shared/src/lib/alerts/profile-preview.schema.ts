import { z } from 'zod';
import type { SessionState } from '../sessions/session-state';
import { expecting } from '../validation/format-issues';
import type { ReplayedEpisode } from './profile-replay';
import { thresholdProfileSchema } from './threshold-profile';

/** `POST /threshold-profiles/preview`: an edited, unsaved profile and the session to replay. */
export const profilePreviewRequestSchema = z.strictObject({
  profile: thresholdProfileSchema,
  sessionId: z.uuid({ error: expecting('must be a session id (UUID)') }),
});
export type ProfilePreviewRequest = z.infer<typeof profilePreviewRequestSchema>;

/** What the edited profile would have raised on the session's recorded readings. */
export interface ProfilePreview {
  sessionId: string;
  /** How many recorded readings were replayed, and the time they span. */
  samples: number;
  from: string | null;
  to: string | null;
  episodes: ReplayedEpisode[];
}

/**
 * A session with recorded readings that an admin may replay a profile on. It names no patient:
 * admins manage profiles, not patients, and the bay and times are enough to pick a session.
 */
export interface PreviewableSession {
  id: string;
  bay: string;
  state: SessionState;
  thresholdProfileId: string;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
}
