import type { Role } from '@vigil/shared';

export interface UserPrincipal {
  kind: 'user';
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  authSessionId: string;
  tokenExpiresAt: number;
}

export interface DevicePrincipal {
  kind: 'device';
  deviceId: string;
  label: string;
  bay: string | null;
}

/** Vigil acting on its own: the demo simulator, first-start bootstrap, timers. */
export interface SystemPrincipal {
  kind: 'system';
  name: string;
}

export type Principal = UserPrincipal | DevicePrincipal | SystemPrincipal;

/** Who did it, as the audit trail records it. */
export interface Actor {
  actorId: string | null;
  actor: string;
  role: string;
  /** A user's name as screens show it; the trail keeps `actor`, the stable username. */
  displayName?: string;
}

export function actorOf(principal: Principal): Actor {
  switch (principal.kind) {
    case 'user':
      return {
        actorId: principal.userId,
        actor: principal.username,
        role: principal.role,
        displayName: principal.displayName,
      };
    case 'device':
      return { actorId: principal.deviceId, actor: `device:${principal.label}`, role: 'device' };
    case 'system':
      return { actorId: null, actor: `system:${principal.name}`, role: 'system' };
  }
}

/** A device registered to one bay may send readings for that bay's session only. */
export function outsideItsBay(principal: Principal, bay: string): principal is DevicePrincipal {
  return principal.kind === 'device' && principal.bay !== null && principal.bay !== bay;
}

/** The source a reading is attributed to, for idempotency: one sequence space per sender. */
export function sourceOf(principal: Principal): string {
  switch (principal.kind) {
    case 'user':
      return `user:${principal.userId}`;
    case 'device':
      return `device:${principal.deviceId}`;
    case 'system':
      return `system:${principal.name}`;
  }
}

export const systemPrincipal = (name: string): SystemPrincipal => ({ kind: 'system', name });
