import { type ExecutionContext, SetMetadata } from '@nestjs/common';

const LOGIN_THROTTLE = 'vigil:login-throttle';

/** Marks the routes the `login` throttler counts (password guessing), and only those. */
export const LoginThrottle = () => SetMetadata(LOGIN_THROTTLE, true);

export function isLoginThrottled(context: ExecutionContext): boolean {
  return Reflect.getMetadata(LOGIN_THROTTLE, context.getHandler()) === true;
}
