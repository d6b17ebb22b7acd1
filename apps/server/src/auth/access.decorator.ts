import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@vigil/shared';
import type { Principal } from './principal';

export interface AccessRule {
  /** No credentials needed. */
  public?: boolean;
  /** User roles allowed. */
  roles?: readonly Role[];
  /** Bedside devices (API key) allowed. */
  devices?: boolean;
}

export const ACCESS_RULE = 'vigil:access';

/**
 * Every route and every socket event declares who may call it; one without a rule is refused
 * (and the permission-matrix test fails), so access is never granted by omission.
 */
export const Access = (rule: AccessRule) => SetMetadata(ACCESS_RULE, rule);
export const Public = () => Access({ public: true });

export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    if (context.getType() === 'ws') {
      return context.switchToWs().getClient<{ data: { principal: Principal } }>().data.principal;
    }
    return context.switchToHttp().getRequest<{ principal: Principal }>().principal;
  },
);
