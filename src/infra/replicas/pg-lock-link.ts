// One dedicated PostgreSQL connection per replica, outside Prisma's pool, holding session advisory
// locks: the replica's own (it is alive while the lock is held) and any single-holder duty it won
// (Discord's gateway). Session locks need one session for lock and unlock, which a pool cannot promise.
// When the process dies the server ends the session and releases every lock: at once for a killed
// process, within about 20 s for a vanished machine thanks to the server-side keepalives set below.
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Logger } from '../../core/index.ts';
import { pgConfig } from '../prisma/database-target.ts';

/** Advisory lock namespaces (the first int of the two-int form), so filiera's keys never meet another app's. */
export const LOCK_SPACE = { replica: 0x6669_6c01, duty: 0x6669_6c02, person: 0x6669_6c03 } as const;

/** How long a query on this connection may take before the link counts as broken. */
const PROBE_TIMEOUT_MS = 5_000;

/** A duty name as a lock key: stable across replicas and versions. */
export function dutyKey(duty: string): number {
  return createHash('sha256').update(duty).digest().readUInt32BE(0) & 0x7fff_ffff;
}

export class PgLockLink {
  #client: pg.Client | null = null;
  #broken = false;
  #session = 0;

  constructor(private readonly deps: { url: string; logger: Logger }) {}

  /** Counts connections opened: locks taken under an earlier session are gone, whatever the holder believes. */
  get session(): number {
    return this.#session;
  }

  /** True while the connection is open and has not failed since. */
  get healthy(): boolean {
    return this.#client !== null && !this.#broken;
  }

  /** Opens the connection if needed; false when the server cannot be reached now (try again later). */
  async ensureOpen(): Promise<boolean> {
    if (this.healthy) return true;
    await this.close();
    const client = new pg.Client({
      ...pgConfig(this.deps.url, { application_name: 'filiera-locks' }),
      keepAlive: true,
      keepAliveInitialDelayMillis: 5_000,
      connectionTimeoutMillis: PROBE_TIMEOUT_MS,
      query_timeout: PROBE_TIMEOUT_MS,
    });
    // Without a listener a dropped connection would crash the process; here it only marks the link broken.
    client.on('error', (error) => this.#fail(error));
    client.on('end', () => this.#fail(new Error('connection ended')));
    try {
      await client.connect();
      // The server notices a vanished client after 5 s idle + 3 probes 5 s apart, and frees its locks.
      await client.query('SET tcp_keepalives_idle = 5; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3; SET tcp_user_timeout = 15000');
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'replica lock connection could not open');
      await client.end().catch(() => undefined);
      return false;
    }
    this.#client = client;
    this.#broken = false;
    this.#session++;
    return true;
  }

  /** Takes a session lock without waiting; false when another session holds it (or the link is down). */
  async tryLock(space: number, key: number): Promise<boolean> {
    const rows = await this.#query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [space, key]);
    return rows?.[0]?.ok === true;
  }

  async unlock(space: number, key: number): Promise<void> {
    await this.#query('SELECT pg_advisory_unlock($1, $2)', [space, key]);
  }

  /** A round trip: false (and the link marked broken) when the server does not answer in time. */
  async probe(): Promise<boolean> {
    return (await this.#query('SELECT 1')) !== null;
  }

  async close(): Promise<void> {
    const client = this.#client;
    this.#client = null;
    if (client) await client.end().catch(() => undefined);
  }

  async #query<T extends object>(sql: string, values: unknown[] = []): Promise<T[] | null> {
    if (!this.healthy || !this.#client) return null;
    try {
      return (await this.#client.query<T>(sql, values)).rows;
    } catch (error) {
      this.#fail(error);
      return null;
    }
  }

  #fail(error: unknown): void {
    if (this.#broken || !this.#client) return;
    this.#broken = true;
    this.deps.logger.warn({ err: error }, 'replica lock connection lost: its locks are gone');
  }
}
