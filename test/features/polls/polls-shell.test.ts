// A poll in the shell: its buttons are numbered, typing a number votes, the tally is shown again
// as the message changes, and closing shows the final results and where the chart was saved.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app/create-app.ts';
import { loadConfig } from '../../../src/infra/config.ts';
import { FixedClock } from '../../fakes/fixed-clock.ts';
import { recordingLogger, tempDbFile } from '../../fakes/test-app.ts';

async function session(lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const env = { DATABASE_URL: tempDbFile(), FILIERA_FILES_DIR: mkdtempSync(join(tmpdir(), 'polls-files-')) };
  const clock = new FixedClock(new Date('2026-11-23T08:00:00Z'));
  const app = await createApp(loadConfig(env), { input, output, interactive: false, logger: recordingLogger(), clock });
  await app.start();
  input.end(lines.map((l) => l + '\n').join(''));
  await app.shell?.closed;
  await app.stop();
  return text;
}

describe('polls in the shell', () => {
  it('given /poll → numbered buttons; typing a number votes and the message is shown updated; closing shows the results', async () => {
    const out = await session(['/poll "Lunch or dinner?" Lunch Dinner', ':as petra', '2', ':as jana', '2', ':as anna', '/poll close']);
    expect(out).toContain('── 📊 Lunch or dinner? ──');
    expect(out).toMatch(/\[1\] Lunch\s+\[2\] Dinner\s+\[3\] Close poll/);
    expect(out).toMatch(/\(message \d+ in #general updated\)\n── 📊 Lunch or dinner\? ──[\s\S]*\*Dinner\*\s+[█░]+\s+1 vote \(100%\)\n\s+_Petra Horvat_/);
    expect(out).toMatch(/\*Dinner\*\s+[█░]+\s+2 votes \(100%\)\n\s+_Jana Dvořák, Petra Horvat_/);
    expect(out).toMatch(/── 📊 Lunch or dinner\? — final results ──/);
    expect(out).toMatch(/📎 poll-[a-z2-9]{6}\.png → /);
  });
});
