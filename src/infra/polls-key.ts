// The key anonymous polls hash voters with, kept outside the database: FILIERA_POLLS_KEY, else (on
// SQLite) a random key written once next to the database file. With it, the database's bytes and
// the member list are not enough to tell who voted what in an open anonymous poll.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Logger } from '../core/index.ts';
import type { Config } from './config.ts';

export function pollsKey(config: Config, logger: Logger): string | null {
  if (config.FILIERA_POLLS_KEY) return config.FILIERA_POLLS_KEY;
  if (config.database.provider !== 'sqlite') {
    logger.warn({}, 'FILIERA_POLLS_KEY is not set: open anonymous polls are keyed by their database secret alone');
    return null;
  }
  const path = join(dirname(resolve(config.database.file)), 'polls.key');
  try {
    // 'wx': a replica starting at the same moment keeps the key the first one wrote.
    writeFileSync(path, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(path, 'utf8').trim();
}
