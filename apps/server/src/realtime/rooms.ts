import type { NarrowedWatch } from './narrowed-frames';

/** Every clinician socket starts here: the whole ward, with no further step. */
export const WARD_ROOM = 'ward';
/**
 * The whole ward for a screen that asked for `vitals.frame` (handshake `frames: true`): one
 * message per frame for every chair, instead of one `vitals` per chair. It hears everything else
 * the ward room hears.
 */
export const WARD_FRAMES_ROOM = 'ward:frames';
/**
 * Screens that asked for frames and watch only some chairs: each gets its own `vitals.frame` of
 * its chairs (NarrowedFrames), so the per-chair `vitals` pass them by. Their bays and sessions
 * rooms still bring them everything else.
 */
export const NARROWED_FRAMES_ROOM = 'screens:narrowed-frames';
/** Both ways of watching the whole ward: what every whole-ward event is sent to. */
export const WARD_ROOMS = [WARD_ROOM, WARD_FRAMES_ROOM];

const BAY_ROOM = 'bay:';
const SESSION_ROOM = 'session:';
export const bayRoom = (bay: string) => `${BAY_ROOM}${bay}`;
export const sessionRoom = (sessionId: string) => `${SESSION_ROOM}${sessionId}`;

/** What a screen watches, from the rooms it is in (a recovered connection keeps its rooms). */
export function watchOfRooms(rooms: ReadonlySet<string>): NarrowedWatch {
  const bays: string[] = [];
  const sessionIds: string[] = [];
  for (const room of rooms) {
    if (room.startsWith(BAY_ROOM)) bays.push(room.slice(BAY_ROOM.length));
    if (room.startsWith(SESSION_ROOM)) sessionIds.push(room.slice(SESSION_ROOM.length));
  }
  return { bays, sessionIds };
}

/** The rooms an event about one session reaches; Socket.IO sends once per socket across them. */
export function sessionAudience(bay: string, sessionId: string): string[] {
  return [...WARD_ROOMS, bayRoom(bay), sessionRoom(sessionId)];
}

/** Who gets a session's `vitals` event: its audience but the screens fed by frames. */
export function sessionVitalsAudience(bay: string, sessionId: string): string[] {
  return [WARD_ROOM, bayRoom(bay), sessionRoom(sessionId)];
}

/**
 * Whether any socket in `rooms` (the adapter's own map: room to socket ids) takes a session's
 * readings one `vitals` per chair, given the session's `sessionVitalsAudience`. Asked for every
 * chair of every frame, so that nothing is encoded for nobody where every screen takes frames, as
 * the dashboard's do.
 */
export function hasPerChairScreen(
  rooms: ReadonlyMap<string, ReadonlySet<string>>,
  audience: readonly string[],
): boolean {
  const framed = rooms.get(NARROWED_FRAMES_ROOM);
  for (const room of audience) {
    for (const socketId of rooms.get(room) ?? []) if (!framed?.has(socketId)) return true;
  }
  return false;
}

/** Every socket of one user, and of one login: to disconnect them when access ends. */
export const userRoom = (userId: string) => `user:${userId}`;
export const loginRoom = (authSessionId: string) => `login:${authSessionId}`;
export const deviceRoom = (deviceId: string) => `device:${deviceId}`;
/** Every physician's sockets: who hears that an order waiting for a signature has been signed. */
export const PHYSICIANS_ROOM = 'role:physician';

/** Whether a room carries what a screen shows (and `watch` may change), not who the socket is. */
export function isAudienceRoom(room: string): boolean {
  return (
    WARD_ROOMS.includes(room) ||
    room === NARROWED_FRAMES_ROOM ||
    room.startsWith(BAY_ROOM) ||
    room.startsWith(SESSION_ROOM)
  );
}
