import { HttpStatus, Injectable, type OnModuleInit, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import type { AuthResponse, LoginInput } from '@vigil/shared';
import { randomBytes, randomUUID } from 'node:crypto';
import { IsNull, type Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { VigilException } from '../common/vigil.exception';
import { toIsoTimestamp } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { SecurityEvents } from '../security/security-events';
import { UserEntity } from '../users/user.entity';
import { toUser, UsersService } from '../users/users.service';
import { AuthSessionEntity } from './auth-session.entity';
import { PasswordHasher } from '../users/password-hasher';
import { LoginAttempts } from './login-attempts';
import { actorOf, type UserPrincipal } from './principal';
import { RejectedCredentials } from './rejected-credentials';
import { SigningKey } from './signing-key';

const MINUTE = 60_000;
export const ACCESS_TOKEN_TTL_MS = 15 * MINUTE;
/** One clinical shift: a login ends after this, however often its token was refreshed. */
export const LOGIN_MAX_AGE_MS = 12 * 60 * MINUTE;
/** Clocks of replicas and of the signer may differ by this much. */
const CLOCK_SKEW_S = 30;

interface AccessTokenClaims {
  sub: string;
  sid: string;
  exp: number;
}

const INVALID_CREDENTIALS = 'invalid username or password';

/**
 * Vigil signs every token with an expiry at most ACCESS_TOKEN_TTL_MS ahead: one without `exp`, or
 * valid for longer, was not issued here as it stands, whatever its signature says.
 */
function hasBoundedLifetime(claims: Partial<AccessTokenClaims>): claims is AccessTokenClaims {
  return (
    typeof claims.exp === 'number' &&
    claims.exp <= Date.now() / 1000 + ACCESS_TOKEN_TTL_MS / 1000 + CLOCK_SKEW_S &&
    typeof claims.sub === 'string' &&
    typeof claims.sid === 'string'
  );
}

@Injectable()
export class AuthService implements OnModuleInit {
  /**
   * What a password is checked against when no user has the name: the check then costs what a
   * real one does, so the time of the answer does not tell which names exist.
   */
  private unknownUserHash = '';

  constructor(
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly signingKey: SigningKey,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
    @InjectRepository(AuthSessionEntity) private readonly sessions: Repository<AuthSessionEntity>,
    private readonly securityEvents: SecurityEvents,
    private readonly attempts: LoginAttempts,
    private readonly rejected: RejectedCredentials,
  ) {}

  async onModuleInit(): Promise<void> {
    this.unknownUserHash = await this.hasher.hash(randomBytes(32).toString('base64url'));
  }

  /**
   * One guess at a time per account name and address, each after the delay that address has
   * earned for that name (`LoginAttempts`): guessing from elsewhere never holds a nurse back at her
   * own screen. Unknown names are checked, delayed and answered exactly like real ones.
   */
  async login(input: LoginInput, ip: string | undefined): Promise<AuthResponse> {
    const username = input.username.trim();
    const address = ip ?? 'unknown';
    const admission = await this.attempts.admit(username, address, Date.now());
    if (!admission.admitted) {
      this.rejected.note(ip, { reason: 'delayed' });
      throw new VigilException(
        HttpStatus.UNAUTHORIZED,
        'LOGIN_DELAYED',
        `too many wrong passwords from this address: try again after ${admission.retryAt}`,
        { retryAt: admission.retryAt },
      );
    }
    const user = await this.users.findByUsername(username);
    const matches = await this.hasher.verify(
      user?.passwordHash ?? this.unknownUserHash,
      input.password,
    );
    if (!user || !matches) {
      await this.attempts.failed(username, address, Date.now());
      this.rejected.note(ip, {
        reason: user ? 'wrong-password' : 'unknown-user',
        userId: user?.id,
      });
      throw new UnauthorizedException(INVALID_CREDENTIALS);
    }
    await this.attempts.succeeded(username, address);
    if (user.disabled) {
      this.rejected.note(ip, { reason: 'disabled', userId: user.id });
      throw new UnauthorizedException(INVALID_CREDENTIALS);
    }
    const now = Date.now();
    const session: AuthSessionEntity = {
      id: randomUUID(),
      userId: user.id,
      createdAt: toIsoTimestamp(now),
      expiresAt: toIsoTimestamp(now + LOGIN_MAX_AGE_MS),
      revokedAt: null,
    };
    await this.unitOfWork.run(async (manager) => {
      await manager.insert(AuthSessionEntity, session);
      await this.audit.append(
        manager,
        { actorId: user.id, actor: user.username, role: user.role },
        {
          action: 'auth.login',
          entity: 'user',
          entityId: user.id,
          detail: { ip },
        },
      );
    });
    return this.issue(user, session, now);
  }

  /**
   * A second clinician's signature (a witnessed waste of ketamine): their own password, checked as
   * a login is (the same delays after wrong guesses from that address, the same cost for unknown
   * names), but no login is opened. Refused with 403 WITNESS_REJECTED, whatever was wrong.
   */
  async verifyWitness(input: LoginInput, ip: string | undefined): Promise<UserEntity> {
    const username = input.username.trim();
    const address = `witness:${ip ?? 'unknown'}`;
    const admission = await this.attempts.admit(username, address, Date.now());
    const rejected = (retryAt?: string) =>
      new VigilException(
        HttpStatus.FORBIDDEN,
        'WITNESS_REJECTED',
        retryAt
          ? `too many wrong witness passwords: try again after ${retryAt}`
          : "the witness's username or password is not valid",
        retryAt ? { retryAt } : undefined,
      );
    if (!admission.admitted) throw rejected(admission.retryAt);
    const user = await this.users.findByUsername(username);
    const matches = await this.hasher.verify(
      user?.passwordHash ?? this.unknownUserHash,
      input.password,
    );
    if (!user || !matches) {
      await this.attempts.failed(username, address, Date.now());
      throw rejected();
    }
    await this.attempts.succeeded(username, address);
    if (user.disabled) throw rejected();
    return user;
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
    if (!hasBoundedLifetime(claims)) throw new UnauthorizedException('access token invalid');
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
}
