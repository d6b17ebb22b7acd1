import type { AccessRule } from './access.decorator';
import type { Principal } from './principal';

export type AccessDecision = 'allow' | 'unauthenticated' | 'forbidden';

/** The whole permission model in one pure function, shared by the REST and socket guards. */
export function decideAccess(
  rule: AccessRule | undefined,
  principal: Principal | null,
): AccessDecision {
  if (!rule) return principal ? 'forbidden' : 'unauthenticated';
  if (rule.public) return 'allow';
  if (!principal) return 'unauthenticated';
  switch (principal.kind) {
    case 'user':
      return rule.roles?.includes(principal.role) ? 'allow' : 'forbidden';
    case 'device':
      return rule.devices ? 'allow' : 'forbidden';
    case 'system':
      return 'forbidden';
  }
}
