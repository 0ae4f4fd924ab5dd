// Configuration, parsed once with zod from the environment and an optional .env file.
// Which adapters start follows from which credentials are present; none means the shell.
import { existsSync, readFileSync } from 'node:fs';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';
import { BotError, isTimeZone, PLATFORMS, type Platform } from '../core/index.ts';
import { parseDatabaseUrl, type DatabaseTarget } from './prisma/database-target.ts';

const optional = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();
const url = optional.pipe(z.string().url().optional());
const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .default('')
  .transform((v) => v === '1' || v === 'true');

/** A database address: checked here, turned into a DatabaseTarget by loadConfig. */
const databaseUrl = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .superRefine((v, ctx) => {
      const target = parseDatabaseUrl(v);
      if ('problem' in target) ctx.addIssue({ code: 'custom', message: target.problem });
    });

const EnvSchema = z.object({
  DATABASE_URL: databaseUrl('./data/filiera.db'),
  FILIERA_FILES_DIR: optional,
  FILIERA_ADMINS: z
    .string()
    .default('shell:anna')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(new RegExp(`^(${PLATFORMS.join('|')}):\\S+$`), 'each admin is platform:id, e.g. shell:anna or slack:U0123')).min(1)),
  FILIERA_LANGUAGE: z.enum(['en', 'it', 'de']).default('en'),
  FILIERA_TIMEZONE: z.string().default('Europe/Rome').refine(isTimeZone, 'not an IANA time zone (e.g. Europe/Rome)'),
  FILIERA_SEED: z
    .enum(['0', '1', 'true', 'false'])
    .default('1')
    .transform((v) => v === '1' || v === 'true'),
  FILIERA_SHELL: flag,
  FILIERA_ANONYMITY_MIN: z.coerce.number().int().min(2).max(50).default(5),
  // Anonymous polls: a key kept outside the database, so the file alone cannot link an open poll's votes to people.
  FILIERA_POLLS_KEY: z.string().trim().min(16, 'at least 16 characters').optional(),
  // Sent messages' texts, delivery ids and finished work are kept this many days, then pruned.
  FILIERA_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  // Experience exchange: the round job ticks on the cron but proposes at most once per ROUND_WEEKS period.
  FILIERA_EXCHANGE_ROUND_CRON: z
    .string()
    .trim()
    .default('0 9 * * 1')
    .refine((v) => /^\S+(\s+\S+){4,5}$/.test(v), 'a cron expression with 5 or 6 fields, e.g. 0 9 * * 1'),
  FILIERA_EXCHANGE_ROUND_WEEKS: z.coerce.number().int().min(1).max(12).default(2),
  FILIERA_EXCHANGE_REPEAT_WEEKS: z.coerce.number().int().min(0).max(104).default(12),
  FILIERA_EXCHANGE_FOLLOWUP_DAYS: z.coerce.number().int().min(0).max(365).default(14),
  FILIERA_EXCHANGE_ASK_LIMIT: z.coerce.number().int().min(0).max(100).default(3),
  FILIERA_EXCHANGE_ASKER_LIMIT: z.coerce.number().int().min(1).max(100).default(3),
  // News sources: each poll's time-out (connecting and a whole feed; any pause in a streamed bulk file),
  // and how many pages of an EU search one poll follows (what lies beyond is reported, not read).
  NEWS_SOURCE_TIMEOUT_S: z.coerce.number().int().min(1).max(600).default(30),
  NEWS_PORTAL_MAX_PAGES: z.coerce.number().int().min(1).max(200).default(20),
  // From this many subscriptions on, digests are rendered in a worker thread (a thread costs ~40 MB and
  // a fraction of a second to start: not worth it for a small network).
  NEWS_DIGEST_WORKER_FROM: z.coerce.number().int().min(0).default(300),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  SLACK_BOT_TOKEN: optional.pipe(z.string().startsWith('xoxb-', 'a bot token starts with xoxb-').optional()),
  SLACK_APP_TOKEN: optional.pipe(z.string().startsWith('xapp-', 'an app-level token starts with xapp-').optional()),
  SLACK_SIGNING_SECRET: optional,
  SLACK_API_URL: url,
  SLACK_EXCHANGE_CHANNEL: optional,
  // The outbox's budget for chat.postMessage across the workspace (Slack allows about one message per
  // second per channel plus a workspace-wide limit it does not publish); split between replicas.
  SLACK_SEND_PER_SECOND: z.coerce.number().min(0.1).max(100).default(8),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DISCORD_TOKEN: optional,
  DISCORD_APPLICATION_ID: optional.pipe(z.string().regex(/^\d+$/, 'a numeric application id').optional()),
  DISCORD_GUILD_ID: optional.pipe(z.string().regex(/^\d+$/, 'a numeric server id').optional()),
  DISCORD_API_URL: url,
  DISCORD_EXCHANGE_CHANNEL: optional,
  // The outbox's budget of REST requests (messages and DM-channel opens) inside Discord's global 50/s.
  DISCORD_REQUESTS_PER_SECOND: z.coerce.number().min(0.1).max(50).default(40),
  DISCORD_MESSAGE_CONTENT: flag,
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config extends Env {
  adapters: Platform[];
  /** DATABASE_URL, parsed once: SQLite file or PostgreSQL server. */
  database: DatabaseTarget;
}

/** Reads .env (if present) under the real environment, which wins. */
export function readEnvironment(env: NodeJS.ProcessEnv, dotenvPath = '.env'): Record<string, string | undefined> {
  const fromFile = existsSync(dotenvPath) ? parseDotenv(readFileSync(dotenvPath)) : {};
  return { ...fromFile, ...env };
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${String(i.path[0])}: ${i.message}`);
    throw new BotError('config_invalid', `Configuration is not valid:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const problems: string[] = [];
  const adapters: Platform[] = [];
  if (c.SLACK_BOT_TOKEN) {
    if (!c.SLACK_APP_TOKEN && !c.SLACK_SIGNING_SECRET)
      problems.push('  SLACK_APP_TOKEN or SLACK_SIGNING_SECRET: one is needed with SLACK_BOT_TOKEN (Socket Mode or HTTP)');
    adapters.push('slack');
  } else if (c.SLACK_APP_TOKEN || c.SLACK_SIGNING_SECRET) problems.push('  SLACK_BOT_TOKEN: needed when SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set');
  if (c.DISCORD_TOKEN) {
    if (!c.DISCORD_APPLICATION_ID) problems.push('  DISCORD_APPLICATION_ID: needed with DISCORD_TOKEN');
    adapters.push('discord');
  }
  if (problems.length) throw new BotError('config_invalid', `Configuration is not valid:\n${problems.join('\n')}`);
  if (adapters.length === 0 || c.FILIERA_SHELL) adapters.unshift('shell');
  return { ...c, adapters, database: parseDatabaseUrl(c.DATABASE_URL) as DatabaseTarget };
}

const DevPostgres = z.object({ FILIERA_DEV_POSTGRES_URL: databaseUrl('postgresql://postgres@127.0.0.1:5432/postgres') });

/**
 * For development tools only (the PostgreSQL test run, db:diff, db:new): a PostgreSQL server where
 * temporary databases may be created and dropped. The app itself never reads it.
 */
export function devPostgresUrl(env: Record<string, string | undefined>): string {
  const parsed = DevPostgres.safeParse(env);
  const target = parsed.success ? parseDatabaseUrl(parsed.data.FILIERA_DEV_POSTGRES_URL) : null;
  if (!target || !('provider' in target) || target.provider !== 'postgresql')
    throw new BotError(
      'config_invalid',
      'Configuration is not valid:\n  FILIERA_DEV_POSTGRES_URL: a postgresql:// address of a server where databases may be created',
    );
  return target.url;
}
