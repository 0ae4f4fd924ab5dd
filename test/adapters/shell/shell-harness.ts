// The real app with only the shell adapter, driven line by line (each line resolves once handled)
// and its output kept write by write, so tests can tell one printed message from the next.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable, PassThrough } from 'node:stream';
import type { ShellAdapter } from '../../../adapters/shell/index.ts';
import { createApp, type App } from '../../../src/app/create-app.ts';
import { loadConfig } from '../../../src/infra/config.ts';
import { FixedClock } from '../../fakes/fixed-clock.ts';
import { recordingLogger, tempDbFile } from '../../fakes/test-app.ts';
import { providerEnv } from '../../fakes/test-database.ts';

export interface ShellHarness {
  app: App;
  shell: ShellAdapter;
  /** Every write to the terminal, in order. */
  writes: string[];
  output(): string;
  type(...lines: string[]): Promise<void>;
  close(): Promise<void>;
}

/** Each database's own files folder (the shell keeps its buttons there), the same again after a restart. */
const filesDirs = new Map<string, string>();
const filesDirFor = (database: string): string => {
  if (!filesDirs.has(database)) filesDirs.set(database, mkdtempSync(join(tmpdir(), 'filiera-shell-files-')));
  return filesDirs.get(database)!;
};

/** `database` reopens an earlier run's database (a restart); otherwise a fresh one. */
export async function startShell(database = tempDbFile(), env: Record<string, string> = {}): Promise<ShellHarness & { database: string }> {
  const writes: string[] = [];
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      writes.push(chunk.toString());
      done();
    },
  });
  const config = loadConfig({
    ...providerEnv,
    DATABASE_URL: database,
    FILIERA_FILES_DIR: filesDirFor(database),
    FILIERA_SEED: '0',
    FILIERA_ADMINS: 'shell:anna',
    ...env,
  });
  const app = await createApp(config, {
    input: new PassThrough(),
    output,
    // A terminal: the prompt is its own write, and typed lines are not echoed back.
    interactive: true,
    clock: new FixedClock(new Date('2026-11-23T08:00:00Z')),
    logger: recordingLogger(),
  });
  await app.start();
  const shell = app.shell!;
  return {
    app,
    shell,
    writes,
    database,
    output: () => writes.join(''),
    async type(...lines) {
      for (const line of lines) await shell.line(line);
    },
    async close() {
      await app.stop();
    },
  };
}
