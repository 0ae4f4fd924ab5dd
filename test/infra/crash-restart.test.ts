// Killed with SIGKILL mid-delivery and restarted: every queued message still arrives, at most the
// one in flight twice.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { tempDbFile } from '../fakes/test-app.ts';

const worker = join(import.meta.dirname, '../fixtures/outbox-worker.ts');

function run(mode: 'fill' | 'send', db: string, log: string, killOn?: string): Promise<{ code: number | null; signal: string | null; lines: string[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', worker, mode, db, log], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: string[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    if (line === killOn) child.kill('SIGKILL');
  });
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, lines })));
}

describe('outbox across a crash', () => {
  it('given 200 pending messages and a SIGKILL mid-delivery → after restart all 200 delivered, none lost', async () => {
    const db = tempDbFile();
    const log = join(mkdtempSync(join(tmpdir(), 'filiera-crash-')), 'deliveries.log');
    const crashed = await run('fill', db, log, 'hung');
    expect(crashed.signal).toBe('SIGKILL');
    expect(crashed.lines).toContain('queued');
    const before = readFileSync(log, 'utf8').trim().split('\n');
    expect(before.length).toBe(51);

    const restarted = await run('send', db, log);
    expect(restarted.code).toBe(0);
    const delivered = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
    expect(new Set(delivered).size).toBe(200);
    expect(delivered.length).toBeLessThanOrEqual(201);
  }, 60_000);
});
