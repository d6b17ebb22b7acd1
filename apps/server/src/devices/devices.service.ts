import {
  Injectable,
  NotFoundException,
  type OnModuleDestroy,
  UnauthorizedException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { CreateDeviceInput, Device, DeviceCreated, Hl7Source } from '@vigil/shared';
import { hash, randomBytes, randomUUID } from 'node:crypto';
import type { Subscription } from 'rxjs';
import type { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor, DevicePrincipal } from '../auth/principal';
import { conflict } from '../common/vigil.exception';
import { toIsoTimestamp } from '../database/columns';
import { isUniqueViolation } from '../database/unique-violation';
import { UnitOfWork } from '../database/unit-of-work';
import { SecurityEvents } from '../security/security-events';
import { DeviceEntity } from './device.entity';

const KEY_PREFIX = 'vgl_';

// One-shot: every reading a monitor posts is authenticated by its key's hash.
const hashKey = (apiKey: string) => hash('sha256', apiKey, 'hex');

/**
 * A monitor posts every second, and looking its key up each time was a database round trip per
 * reading; so known keys are kept. A revocation removes a key at once here and, through Redis, on
 * every other instance. Were that message lost, a cached key is still trusted no longer than this
 * after the database was last asked what has been revoked: one query an interval for every key
 * (re-reading each key this often held the event loop 4–5 ms a second at 2,500 chairs).
 */
const REVOCATION_CHECK_MS = 10_000;
/** Revocations stamped by another instance's clock, or committed late, are still found. */
const REVOCATION_CLOCK_MARGIN_MS = 60_000;
const KEY_CACHE_SIZE = 20_000;

@Injectable()
export class DevicesService implements OnModuleDestroy {
  private readonly knownKeys = new Map<string, DevicePrincipal>();
  /** Bumped by each revocation: a look-up that overlapped one may have read the key as valid. */
  private revocationCount = 0;
  /** When the last look at the database's revocations began: no key was cached before it. */
  private revocationsCheckedAt = Date.now();
  private revocationCheck: Promise<void> | null = null;
  private readonly revocations: Subscription;

  constructor(
    @InjectRepository(DeviceEntity) private readonly devices: Repository<DeviceEntity>,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
    private readonly securityEvents: SecurityEvents,
  ) {
    this.revocations = securityEvents.stream.subscribe((event) => {
      if (event.kind === 'device-revoked') this.forget(event.deviceId);
    });
  }

  onModuleDestroy(): void {
    this.revocations.unsubscribe();
  }

  /** The key leaves the server once, in this reply; only its hash is kept. */
  async register(actor: Actor, input: CreateDeviceInput): Promise<DeviceCreated> {
    const apiKey = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const device: DeviceEntity = {
      id: randomUUID(),
      label: input.label.trim(),
      bay: input.bay?.trim() ?? null,
      keyHash: hashKey(apiKey),
      keyPrefix: apiKey.slice(0, KEY_PREFIX.length + 6),
      hl7SendingApplication: input.hl7?.sendingApplication ?? null,
      hl7SendingFacility: input.hl7?.sendingFacility ?? null,
      createdAt: toIsoTimestamp(Date.now()),
      revokedAt: null,
    };
    const hl7 = hl7SourceOf(device);
    try {
      await this.unitOfWork.run(async (manager) => {
        await manager.insert(DeviceEntity, device);
        await this.audit.append(manager, actor, {
          action: 'device.registered',
          entity: 'device',
          entityId: device.id,
          detail: { label: device.label, bay: device.bay, keyPrefix: device.keyPrefix, hl7 },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error) && hl7) {
        throw conflict(
          'HL7_SOURCE_TAKEN',
          `hl7 sendingApplication ${hl7.sendingApplication} at sendingFacility ${hl7.sendingFacility} is already registered to another device`,
        );
      }
      throw error;
    }
    return { id: device.id, label: device.label, bay: device.bay, hl7, apiKey };
  }

  /**
   * The device an HL7 v2 message comes from, by its header (MSH-3.1, MSH-4.1); null when none is
   * registered. Read from the database each time, so a revocation counts from the next message.
   */
  async findHl7Source(source: Hl7Source): Promise<Hl7Device | null> {
    const device = await this.devices.findOneBy({
      hl7SendingApplication: source.sendingApplication,
      hl7SendingFacility: source.sendingFacility,
    });
    if (!device) return null;
    return {
      principal: { kind: 'device', deviceId: device.id, label: device.label, bay: device.bay },
      revoked: device.revokedAt !== null,
    };
  }

  async list(): Promise<Device[]> {
    return (await this.devices.find({ order: { createdAt: 'ASC' } })).map(toDevice);
  }

  /** Open sockets of the device are closed too (SecurityEvents), on every instance. */
  async revoke(actor: Actor, id: string): Promise<Device> {
    const revoked = await this.unitOfWork.run(async (manager) => {
      const device = await manager.findOneBy(DeviceEntity, { id });
      if (!device) throw new NotFoundException(`device ${id} not found`);
      if (!device.revokedAt) {
        device.revokedAt = toIsoTimestamp(Date.now());
        await manager.update(DeviceEntity, { id }, { revokedAt: device.revokedAt });
        await this.audit.append(manager, actor, {
          action: 'device.revoked',
          entity: 'device',
          entityId: id,
          detail: { label: device.label },
        });
      }
      return toDevice(device);
    });
    this.securityEvents.publish({ kind: 'device-revoked', deviceId: id });
    return revoked;
  }

  /** A revoked key is refused at once: its revocation empties the cache (see REVOCATION_CHECK_MS). */
  async authenticate(apiKey: string): Promise<DevicePrincipal> {
    const keyHash = hashKey(apiKey);
    if (Date.now() - this.revocationsCheckedAt > REVOCATION_CHECK_MS) await this.checkRevocations();
    const known = this.knownKeys.get(keyHash);
    if (known) return known;
    const revocationsBefore = this.revocationCount;
    const device = apiKey.startsWith(KEY_PREFIX) ? await this.findByKeyHash(keyHash) : null;
    if (!device) throw new UnauthorizedException('device key invalid');
    if (device.revoked_at) throw new UnauthorizedException('device key revoked');
    const principal: DevicePrincipal = {
      kind: 'device',
      deviceId: device.id,
      label: device.label,
      bay: device.bay,
    };
    if (revocationsBefore === this.revocationCount) {
      if (this.knownKeys.size >= KEY_CACHE_SIZE) this.knownKeys.clear();
      this.knownKeys.set(keyHash, principal);
    }
    return principal;
  }

  private forget(deviceId: string): void {
    this.revocationCount += 1;
    for (const [keyHash, principal] of this.knownKeys) {
      if (principal.deviceId === deviceId) this.knownKeys.delete(keyHash);
    }
  }

  /** One look at a time; every authentication that finds the last one too old waits for it. */
  private checkRevocations(): Promise<void> {
    this.revocationCheck ??= this.forgetRevokedSinceLastCheck().finally(() => {
      this.revocationCheck = null;
    });
    return this.revocationCheck;
  }

  private async forgetRevokedSinceLastCheck(): Promise<void> {
    const startedAt = Date.now();
    const revoked = await this.unitOfWork.readOffTheEventLoop<Array<{ id: string }>>(
      `SELECT id FROM device WHERE revoked_at >= ${this.onlyPlaceholder()}`,
      [toIsoTimestamp(this.revocationsCheckedAt - REVOCATION_CLOCK_MARGIN_MS)],
    );
    for (const { id } of revoked) this.forget(id);
    this.revocationsCheckedAt = startedAt;
  }

  /** One indexed look-up per reading a device posts: plain SQL, without the ORM's query building. */
  private async findByKeyHash(keyHash: string): Promise<DeviceKeyRow | null> {
    const [row] = await this.devices.query<DeviceKeyRow[]>(
      `SELECT id, label, bay, revoked_at FROM device WHERE key_hash = ${this.onlyPlaceholder()}`,
      [keyHash],
    );
    return row ?? null;
  }

  /** The placeholder of a statement's one parameter. */
  private onlyPlaceholder(): string {
    return this.devices.manager.connection.options.type === 'postgres' ? '$1' : '?';
  }
}

export interface Hl7Device {
  principal: DevicePrincipal;
  revoked: boolean;
}

interface DeviceKeyRow {
  id: string;
  label: string;
  bay: string | null;
  revoked_at: string | null;
}

function toDevice(entity: DeviceEntity): Device {
  return {
    id: entity.id,
    label: entity.label,
    bay: entity.bay,
    keyPrefix: entity.keyPrefix,
    hl7: hl7SourceOf(entity),
    createdAt: entity.createdAt,
    revokedAt: entity.revokedAt,
  };
}

function hl7SourceOf(entity: DeviceEntity): Hl7Source | null {
  if (entity.hl7SendingApplication === null || entity.hl7SendingFacility === null) return null;
  return {
    sendingApplication: entity.hl7SendingApplication,
    sendingFacility: entity.hl7SendingFacility,
  };
}
