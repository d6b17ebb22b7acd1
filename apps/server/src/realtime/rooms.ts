/** Every clinician socket starts here: the whole ward, with no further step. */
export const WARD_ROOM = 'ward';

export const bayRoom = (bay: string) => `bay:${bay}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/** The rooms an event about one session reaches; Socket.IO sends once per socket across them. */
export function sessionAudience(bay: string, sessionId: string): string[] {
  return [WARD_ROOM, bayRoom(bay), sessionRoom(sessionId)];
}

/** Every socket of one user, and of one login: to disconnect them when access ends. */
export const userRoom = (userId: string) => `user:${userId}`;
export const loginRoom = (authSessionId: string) => `login:${authSessionId}`;
export const deviceRoom = (deviceId: string) => `device:${deviceId}`;

/** Whether a room carries what a screen shows (and `watch` may change), not who the socket is. */
export function isAudienceRoom(room: string): boolean {
  return room === WARD_ROOM || room.startsWith('bay:') || room.startsWith('session:');
}
