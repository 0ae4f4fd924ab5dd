// One person's events one at a time across replicas, on PostgreSQL: a session advisory lock per person
// (hashed), held on a connection of a small pool of its own while the event is handled. Two replicas
// receiving two messages of one person at once then handle them in turn, as one process would.
import pg from 'pg';
import type { PersonSerializer } from '../../core/index.ts';
import { pgConfig } from '../prisma/database-target.ts';
import { dutyKey, LOCK_SPACE } from './pg-lock-link.ts';

/** People handled at the same moment by one replica; more wait for a connection, as they would for a lock. */
const CONNECTIONS = 4;
/** Longest wait for another replica to finish with the same person before the event fails (and is logged). */
const WAIT_MS = 30_000;

export class PgPersonLocks implements PersonSerializer {
  #pool: pg.Pool | null = null;

  constructor(private readonly url: string) {}

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    this.#pool ??= new pg.Pool(
      pgConfig(this.url, { max: CONNECTIONS, idleTimeoutMillis: 10_000, application_name: 'filiera-person-locks', lock_timeout: WAIT_MS }),
    );
    const client = await this.#pool.connect();
    const lock = [LOCK_SPACE.person, dutyKey(key)];
    let broken: Error | undefined;
    try {
      await client.query('SELECT pg_advisory_lock($1, $2)', lock);
      try {
        return await work();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1, $2)', lock).catch((error: Error) => (broken = error));
      }
    } catch (error) {
      broken ??= error as Error;
      throw error;
    } finally {
      // A connection whose lock state is unknown is closed, which frees whatever it held.
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.#pool?.end();
    this.#pool = null;
  }
}
