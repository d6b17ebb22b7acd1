import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import type { AuthResponse, LoginInput } from '@vigil/shared';
import { randomUUID } from 'node:crypto';
import { IsNull, type Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { toIsoTimestamp } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { SecurityEvents } from '../security/security-events';
import { UserEntity } from '../users/user.entity';
import { toUser, UsersService } from '../users/users.service';
import { AuthSessionEntity } from './auth-session.entity';
import { PasswordHasher } from '../users/password-hasher';
import { actorOf, type Actor, type UserPrincipal } from './principal';
import { SigningKey } from './signing-key';

const MINUTE = 60_000;
export const ACCESS_TOKEN_TTL_MS = 15 * MINUTE;
/** One clinical shift: a login ends after this, however often its token was refreshed. */
export const LOGIN_MAX_AGE_MS = 12 * 60 * MINUTE;
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * MINUTE;

interface AccessTokenClaims {
  sub: string;
  sid: string;
  exp: number;
}

const INVALID_CREDENTIALS = 'invalid username or password';

/** A client address is all an anonymous caller leaves in the trail. */
const anonymous = (ip: string | undefined): Actor => ({
  actorId: null,
  actor: `anonymous@${ip ?? 'unknown'}`,
  role: 'anonymous',
});

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly signingKey: SigningKey,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
    @InjectRepository(AuthSessionEntity) private readonly sessions: Repository<AuthSessionEntity>,
    private readonly securityEvents: SecurityEvents,
  ) {}

  async login(input: LoginInput, ip: string | undefined): Promise<AuthResponse> {
    const user = await this.users.findByUsername(input.username);
    if (!user) return this.refuseLogin(anonymous(ip), 'unknown-user', { username: input.username });
    const now = Date.now();
    const actor = { actorId: user.id, actor: user.username, role: user.role };
    if (user.disabled) return this.refuseLogin(actor, 'disabled');
    if (user.lockedUntil && Date.parse(user.lockedUntil) > now) {
      return this.refuseLogin(actor, 'locked', {}, `account is locked until ${user.lockedUntil}`);
    }
    if (!(await this.hasher.verify(user.passwordHash, input.password))) {
      return this.recordFailure(user, actor, now);
    }
    const session: AuthSessionEntity = {
      id: randomUUID(),
      userId: user.id,
      createdAt: toIsoTimestamp(now),
      expiresAt: toIsoTimestamp(now + LOGIN_MAX_AGE_MS),
      revokedAt: null,
    };
    await this.unitOfWork.run(async (manager) => {
      await manager.update(UserEntity, { id: user.id }, { failedLogins: 0, lockedUntil: null });
      await manager.insert(AuthSessionEntity, session);
      await this.audit.append(manager, actor, {
        action: 'auth.login',
        entity: 'user',
        entityId: user.id,
        detail: { ip },
      });
    });
    return this.issue(user, session, now);
  }

  async refresh(principal: UserPrincipal): Promise<AuthResponse> {
    const [user, session] = await Promise.all([
      this.users.findById(principal.userId),
      this.sessions.findOneBy({ id: principal.authSessionId }),
    ]);
    if (!user || !session) throw new UnauthorizedException('login is no longer valid');
    return this.issue(user, session, Date.now());
  }

  async logout(principal: UserPrincipal): Promise<void> {
    await this.unitOfWork.run(async (manager) => {
      await manager.update(
        AuthSessionEntity,
        { id: principal.authSessionId, revokedAt: IsNull() },
        { revokedAt: toIsoTimestamp(Date.now()) },
      );
      await this.audit.append(manager, actorOf(principal), {
        action: 'auth.logout',
        entity: 'user',
        entityId: principal.userId,
      });
    });
    this.securityEvents.publish({ kind: 'login-ended', authSessionId: principal.authSessionId });
  }

  /**
   * A token is good while its signature and expiry hold AND its login is neither revoked nor past
   * its shift AND its user is still enabled: the last two are checked against the database on
   * every use, so logout and disabling take effect at once.
   */
  async authenticate(token: string): Promise<UserPrincipal> {
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, {
        secret: this.signingKey.key,
        algorithms: ['HS256'],
      });
    } catch (error) {
      throw new UnauthorizedException(
        (error as Error).name === 'TokenExpiredError'
          ? 'access token expired'
          : 'access token invalid',
      );
    }
    const [user, session] = await Promise.all([
      this.users.findById(claims.sub),
      this.sessions.findOneBy({ id: claims.sid }),
    ]);
    if (!user || !session || session.userId !== user.id)
      throw new UnauthorizedException('access token invalid');
    if (session.revokedAt) throw new UnauthorizedException('login has ended');
    if (Date.parse(session.expiresAt) <= Date.now())
      throw new UnauthorizedException('login has expired');
    if (user.disabled) throw new UnauthorizedException('account is disabled');
    return {
      kind: 'user',
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      authSessionId: session.id,
      tokenExpiresAt: claims.exp * 1000,
    };
  }

  private async issue(
    user: UserEntity,
    session: AuthSessionEntity,
    now: number,
  ): Promise<AuthResponse> {
    if (session.revokedAt || Date.parse(session.expiresAt) <= now || user.disabled) {
      throw new UnauthorizedException('login is no longer valid');
    }
    const expiresAtMs = Math.min(now + ACCESS_TOKEN_TTL_MS, Date.parse(session.expiresAt));
    const claims: AccessTokenClaims = {
      sub: user.id,
      sid: session.id,
      exp: Math.floor(expiresAtMs / 1000),
    };
    const accessToken = await this.jwt.signAsync(claims, {
      secret: this.signingKey.key,
      algorithm: 'HS256',
    });
    return { accessToken, expiresAt: toIsoTimestamp(claims.exp * 1000), user: toUser(user) };
  }

  private async recordFailure(user: UserEntity, actor: Actor, now: number): Promise<never> {
    const failures = user.failedLogins + 1;
    const locks = failures >= MAX_FAILED_LOGINS;
    const lockedUntil = locks ? toIsoTimestamp(now + LOCKOUT_MS) : null;
    await this.unitOfWork.run(async (manager) => {
      await manager.update(
        UserEntity,
        { id: user.id },
        { failedLogins: locks ? 0 : failures, lockedUntil },
      );
      await this.audit.append(manager, actor, {
        action: 'auth.login.failed',
        entity: 'user',
        entityId: user.id,
        detail: { reason: 'wrong-password', failures, ...(locks && { lockedUntil }) },
      });
    });
    throw new UnauthorizedException(
      locks ? `account is locked until ${lockedUntil}` : INVALID_CREDENTIALS,
    );
  }

  private async refuseLogin(
    actor: Actor,
    reason: string,
    detail: Record<string, unknown> = {},
    message = INVALID_CREDENTIALS,
  ): Promise<never> {
    await this.audit.record(actor, {
      action: 'auth.login.failed',
      entity: 'user',
      entityId: actor.actorId,
      detail: { reason, ...detail },
    });
    throw new UnauthorizedException(message);
  }
}
