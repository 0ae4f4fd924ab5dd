// The Logger port on pino, writing JSON to stderr so the shell's conversation keeps stdout to itself.
// Token-like fields are redacted by key, as a second line of defence: callers never pass them.
import pino from 'pino';
import type { Logger } from '../core/index.ts';

const REDACT = ['token', '*.token', 'headers.authorization', 'response_url', '*.response_url', 'responseUrl', '*.responseUrl'];

export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: { app: 'filiera' } }, destination) as unknown as Logger;
}
