// Which database DATABASE_URL names: a SQLite file (a plain path or a file: URL) or a PostgreSQL
// server (postgresql:// or postgres://). Anything else is refused here, so a typo or an unsupported
// scheme never silently becomes a SQLite file in a folder named after the scheme.
import { fileURLToPath } from 'node:url';
import { parse as parsePgUrl } from 'pg-connection-string';
import type { PoolConfig } from 'pg';
import type { Provider } from './schema-variant.mjs';

export type { Provider };

export type DatabaseTarget = { provider: 'sqlite'; file: string } | { provider: 'postgresql'; url: string };

/** A scheme of two or more letters: one letter is a Windows drive (C:\data\filiera.db). */
const SCHEME = /^([a-z][a-z0-9+.-]+):/i;

/** The target, or a sentence saying what is wrong (for the configuration error naming DATABASE_URL). */
export function parseDatabaseUrl(raw: string): DatabaseTarget | { problem: string } {
  const value = raw.trim();
  if (value === '') return { problem: 'empty: give a SQLite file (./data/filiera.db) or a postgresql:// address' };
  const scheme = SCHEME.exec(value)?.[1]?.toLowerCase();
  if (scheme === undefined) return { provider: 'sqlite', file: value };
  if (scheme === 'file') {
    const file = value.startsWith('file://') ? safeFileUrl(value) : value.slice('file:'.length);
    return file ? { provider: 'sqlite', file } : { problem: `not a usable file: address (${value.slice(0, 40)})` };
  }
  if (scheme === 'postgresql' || scheme === 'postgres') {
    if (!value.slice(scheme.length + 1).startsWith('//')) return { problem: 'a PostgreSQL address starts with postgresql://' };
    let database: string | null | undefined;
    try {
      database = parsePgUrl(value).database;
    } catch {
      return { problem: 'not a valid PostgreSQL address, e.g. postgresql://filiera@db.example:5432/filiera' };
    }
    if (!database) return { problem: 'the PostgreSQL address names no database, e.g. postgresql://filiera@db.example:5432/filiera' };
    return { provider: 'postgresql', url: value };
  }
  return { problem: `"${scheme}:" is not supported: use a SQLite file (./data/filiera.db, file:./data/filiera.db) or postgresql://…` };
}

function safeFileUrl(value: string): string | null {
  try {
    return fileURLToPath(value);
  } catch {
    return null;
  }
}

/** node-postgres settings from the address, parsed so that a later `database` really replaces the address's. */
export function pgConfig(url: string, extra: PoolConfig = {}): PoolConfig {
  const { database, host, port, user, password, ssl, application_name, options } = parsePgUrl(url);
  return {
    ...(database ? { database } : {}),
    ...(host ? { host } : {}),
    ...(port ? { port: Number(port) } : {}),
    ...(user ? { user } : {}),
    ...(password ? { password } : {}),
    ...(ssl !== undefined ? { ssl: ssl as PoolConfig['ssl'] } : {}),
    ...(application_name ? { application_name } : {}),
    ...(options ? { options } : {}),
    ...extra,
  };
}

/** For logs and messages: the address without its password. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.provider === 'sqlite') return target.file;
  const { host, port, database } = parsePgUrl(target.url);
  return `postgresql://${host ?? 'localhost'}${port ? `:${port}` : ''}/${database ?? ''}`;
}
