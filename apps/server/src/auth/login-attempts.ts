import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { toIsoTimestamp } from '../database/columns';
import { updateReturned } from '../database/update-returning';
import { loginDelayMs } from './login-delay';

/**
 * How long a guess may take to check (argon2, under load) before its hold lapses by itself, so a
 * process that dies mid-check cannot hold an account back for long.
 */
const GUESS_HOLD_MS = 10_000;

export type LoginAdmission = { admitted: true } | { admitted: false; retryAt: string };

/**
 * The progressive delay between login guesses, per account name and client address. One guess at
 * a time is checked per pair: taking the turn is one atomic statement (an upsert that only updates
 * a row whose wait is over), so forty concurrent guesses from one address check one password, not
 * forty, on either database.
 */
@Injectable()
export class LoginAttempts {
  private readonly postgres: boolean;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.postgres = dataSource.options.type === 'postgres';
  }

  async admit(username: string, address: string, now: number): Promise<LoginAdmission> {
    const [p1, p2, p3, p4] = this.placeholders(4);
    const taken = await this.dataSource.query<unknown[]>(
      `INSERT INTO login_attempt (username, address, failures, next_attempt_at)
       VALUES (${p1}, ${p2}, 0, ${p3})
       ON CONFLICT (username, address) DO UPDATE SET next_attempt_at = excluded.next_attempt_at
       WHERE login_attempt.next_attempt_at <= ${p4}
       RETURNING failures`,
      [username, address, toIsoTimestamp(now + GUESS_HOLD_MS), toIsoTimestamp(now)],
    );
    if (taken.length > 0) return { admitted: true };
    const [w1, w2] = this.placeholders(2);
    const [row] = await this.dataSource.query<Array<{ next_attempt_at: string }>>(
      `SELECT next_attempt_at FROM login_attempt WHERE username = ${w1} AND address = ${w2}`,
      [username, address],
    );
    return { admitted: false, retryAt: row?.next_attempt_at ?? toIsoTimestamp(now) };
  }

  /** A wrong password: counted (atomically), and the pair waits for the delay it has now earned. */
  async failed(username: string, address: string, now: number): Promise<number> {
    const [p1, p2] = this.placeholders(2);
    const result = await this.dataSource.query<unknown>(
      `UPDATE login_attempt SET failures = failures + 1
       WHERE username = ${p1} AND address = ${p2} RETURNING failures`,
      [username, address],
    );
    const rows = updateReturned<{ failures: number }>(this.dataSource.options.type, result);
    const failures = Number(rows[0]?.failures ?? 1);
    const [u1, u2, u3] = this.placeholders(3);
    await this.dataSource.query(
      `UPDATE login_attempt SET next_attempt_at = ${u1} WHERE username = ${u2} AND address = ${u3}`,
      [toIsoTimestamp(now + loginDelayMs(failures)), username, address],
    );
    return failures;
  }

  /** The right password: the pair starts afresh. */
  async succeeded(username: string, address: string): Promise<void> {
    const [p1, p2] = this.placeholders(2);
    await this.dataSource.query(
      `DELETE FROM login_attempt WHERE username = ${p1} AND address = ${p2}`,
      [username, address],
    );
  }

  private placeholders(count: number): string[] {
    return Array.from({ length: count }, (_, index) => (this.postgres ? `$${index + 1}` : '?'));
  }
}
