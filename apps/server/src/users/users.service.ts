import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type {
  Clinician,
  CreateUserInput,
  Role,
  UpdateUserInput,
  User,
  UserAccount,
} from '@vigil/shared';
import { randomUUID } from 'node:crypto';
import { type EntityManager, In, IsNull, type Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthSessionEntity } from '../auth/auth-session.entity';
import { LoginAttemptEntity } from '../auth/login-attempt.entity';
import { PasswordHasher } from './password-hasher';
import type { Actor } from '../auth/principal';
import { toIsoTimestamp } from '../database/columns';
import { isUniqueViolation } from '../database/unique-violation';
import { UnitOfWork } from '../database/unit-of-work';
import { SecurityEvents } from '../security/security-events';
import { UserEntity } from './user.entity';
import { conflict, notFound } from '../common/vigil.exception';

/** Serialises changes to accounts, so two admins cannot each remove the other at once. */
const ADMIN_CHANGES_LOCK = 704_211_906;

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly hasher: PasswordHasher,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
    private readonly securityEvents: SecurityEvents,
  ) {}

  async create(actor: Actor, input: CreateUserInput): Promise<UserAccount> {
    const user = this.users.create({
      id: randomUUID(),
      username: input.username.trim(),
      displayName: input.displayName.trim(),
      role: input.role,
      passwordHash: await this.hasher.hash(input.password),
      disabled: false,
      failedLogins: 0,
      lockedUntil: null,
      createdAt: toIsoTimestamp(Date.now()),
    });
    try {
      await this.unitOfWork.run(async (manager) => {
        await manager.insert(UserEntity, user);
        await this.audit.append(manager, actor, {
          action: 'user.created',
          entity: 'user',
          entityId: user.id,
          detail: { username: user.username, role: user.role },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw conflict('USERNAME_TAKEN', `username ${user.username} is taken`);
      throw error;
    }
    return toUserAccount(user);
  }

  list(): Promise<UserAccount[]> {
    return this.users.find({ order: { username: 'ASC' } }).then((rows) => rows.map(toUserAccount));
  }

  /**
   * The display names of these usernames, disabled accounts included (a record names whoever did
   * it then); a name that is no user (`system:…`, `device:…`) is left out.
   */
  async displayNames(usernames: readonly string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    if (usernames.length === 0) return names;
    const rows = await this.users.find({
      select: { username: true, displayName: true },
      where: { username: In([...usernames]) },
    });
    for (const { username, displayName } of rows) names.set(username, displayName);
    return names;
  }

  /** The enabled nurses and physicians, by name. */
  async clinicians(): Promise<Clinician[]> {
    const rows = await this.users.find({
      where: [
        { role: 'nurse', disabled: false },
        { role: 'physician', disabled: false },
      ],
      order: { displayName: 'ASC' },
    });
    return rows.map(({ id, displayName, role }) => ({
      id,
      displayName,
      role: role === 'physician' ? 'physician' : 'nurse',
    }));
  }

  /** Disabling a user, resetting a password or changing a role ends the user's logins at once. */
  async update(actor: Actor, id: string, input: UpdateUserInput): Promise<UserAccount> {
    const passwordHash = input.password ? await this.hasher.hash(input.password) : undefined;
    const user = await this.unitOfWork.runExclusive(ADMIN_CHANGES_LOCK, async (manager) => {
      const current = await manager.findOneBy(UserEntity, { id });
      if (!current) throw notFound(`user ${id} not found`);
      await this.keepAnAdmin(manager, actor, current, input);
      const changes: Partial<UserEntity> = {};
      if (input.displayName !== undefined) changes.displayName = input.displayName.trim();
      if (input.role !== undefined) changes.role = input.role;
      if (input.disabled !== undefined) changes.disabled = input.disabled;
      // A password reset or a re-enable is how an admin lets a user held back by wrong passwords
      // back in at once, from every address.
      if (passwordHash || input.disabled === false)
        await manager.delete(LoginAttemptEntity, { username: current.username });
      if (passwordHash) changes.passwordHash = passwordHash;
      await manager.update(UserEntity, { id }, changes);
      if (revokesAccess(input)) {
        await manager.update(
          AuthSessionEntity,
          { userId: id, revokedAt: IsNull() },
          { revokedAt: toIsoTimestamp(Date.now()) },
        );
      }
      await this.audit.append(manager, actor, {
        action: 'user.updated',
        entity: 'user',
        entityId: id,
        detail: {
          ...(input.displayName !== undefined && { displayName: input.displayName }),
          ...(input.role !== undefined && { role: { from: current.role, to: input.role } }),
          ...(input.disabled !== undefined && { disabled: input.disabled }),
          ...(passwordHash && { passwordReset: true }),
        },
      });
      return { ...current, ...changes };
    });
    if (revokesAccess(input))
      this.securityEvents.publish({ kind: 'user-access-revoked', userId: id });
    return toUserAccount(user);
  }

  /**
   * Vigil must always keep someone who can administer it: an admin may not disable or demote
   * themself, and (for two admins removing each other at the same moment, serialised by the
   * lock) the last enabled admin cannot be disabled or demoted by anyone.
   */
  private async keepAnAdmin(
    manager: EntityManager,
    actor: Actor,
    target: UserEntity,
    input: UpdateUserInput,
  ): Promise<void> {
    const losesAdmin =
      target.role === 'admin' &&
      (input.disabled === true || (input.role !== undefined && input.role !== 'admin'));
    if (!losesAdmin) return;
    if (actor.actorId === target.id) {
      throw conflict(
        'OWN_ADMIN_ACCOUNT',
        'an admin cannot disable or demote themself; ask another admin',
      );
    }
    const enabledAdmins = await manager.countBy(UserEntity, { role: 'admin', disabled: false });
    if (!target.disabled && enabledAdmins <= 1) {
      throw conflict('LAST_ADMIN', 'cannot disable or demote the last enabled admin');
    }
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ username: username.trim() });
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  /** Users created by Vigil itself at first start (the bootstrap admin, the demo users). */
  async ensure(
    manager: EntityManager,
    actor: Actor,
    account: { username: string; displayName: string; role: Role; password: string },
  ): Promise<boolean> {
    if (await manager.existsBy(UserEntity, { username: account.username })) return false;
    const id = randomUUID();
    await manager.insert(UserEntity, {
      id,
      username: account.username,
      displayName: account.displayName,
      role: account.role,
      passwordHash: await this.hasher.hash(account.password),
      disabled: false,
      failedLogins: 0,
      lockedUntil: null,
      createdAt: toIsoTimestamp(Date.now()),
    });
    await this.audit.append(manager, actor, {
      action: 'user.created',
      entity: 'user',
      entityId: id,
      detail: { username: account.username, role: account.role },
    });
    return true;
  }

  count(manager: EntityManager): Promise<number> {
    return manager.count(UserEntity);
  }
}

function revokesAccess(input: UpdateUserInput): boolean {
  return input.disabled === true || input.password !== undefined || input.role !== undefined;
}

export function toUser(entity: UserEntity): User {
  return {
    id: entity.id,
    username: entity.username,
    displayName: entity.displayName,
    role: entity.role,
  };
}

function toUserAccount(entity: UserEntity): UserAccount {
  return {
    ...toUser(entity),
    disabled: entity.disabled,
    lockedUntil: entity.lockedUntil,
    createdAt: entity.createdAt,
  };
}
