// The shell as a newcomer uses it: lines in, conversation out, clean exit at the end of input.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/create-app.ts';
import { loadConfig } from '../../src/infra/config.ts';
import { recordingLogger, tempDbFile } from '../fakes/test-app.ts';

const root = join(import.meta.dirname, '../..');

async function session(lines: string[], env: Record<string, string> = {}): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const app = await createApp(loadConfig({ DATABASE_URL: tempDbFile(), ...env }), { input, output, interactive: false, logger: recordingLogger() });
  await app.start();
  input.end(lines.map((l) => l + '\n').join(''));
  await app.shell?.closed;
  await app.stop();
  return text;
}

function npmStart(stdin: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn('npm', ['start', '--silent'], { cwd: root, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('shell adapter', () => {
  it('given piped lines → each is echoed after its prompt and answered, then the session ends', async () => {
    const out = await session(['/help', ':as giulia', '/network me', ':dm', 'ciao']);
    expect(out).toContain('[anna ➜ #general] /help');
    expect(out).toContain('/network profile');
    expect(out).toContain('[giulia ➜ #general] /network me');
    expect(out).toContain('Giulia Ferri · ruolo: membro · lingua: it');
    expect(out).toContain('[giulia ➜ DM] ciao');
    expect(out).toContain('Scrivi /help');
  });

  it('given a numbered button → typing its number presses it', async () => {
    const out = await session([':as lukas', '/network profile', ':dm', '2', 'Europe/Vienna', 'skip', 'skip']);
    expect(out).toContain('→ DM @lukas');
    expect(out).toMatch(/\[1\] Deutsch\s+\[2\] English\s+\[3\] Italiano/);
    expect(out).toContain('Profile saved.');
    expect(out).toContain('language: en · time zone: Europe/Vienna');
  });

  it('given meta commands → switch person and room, list jobs for :run, usage for bad ones', async () => {
    const out = await session([':in #exchange', ':run nothing', ':as', ':help']);
    expect(out).toContain('[anna ➜ #exchange] :run nothing');
    expect(out).toContain('No job called nothing');
    expect(out).toContain('Usage: :as <name>');
    expect(out).toContain(':run <job>');
  });

  it('given `npm start` with piped input and no tokens → help, a usage error, and exit 0', async () => {
    const result = await npmStart('/help\n:as manager-b\n/help\n/network bogus\n/nonsense\n', { DATABASE_URL: tempDbFile() });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('[manager-b ➜ #general] /help');
    expect(result.stdout).toContain('Usage:\n/network me');
    expect(result.stdout).toContain("I don't know the command /nonsense");
  }, 30_000);

  it('given a bad configuration value → start-up stops with a message naming the variable', async () => {
    const result = await npmStart('', { DATABASE_URL: tempDbFile(), FILIERA_TIMEZONE: 'Mars/Olympus' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('FILIERA_TIMEZONE: not an IANA time zone');
  }, 30_000);
});
