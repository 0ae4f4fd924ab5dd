// A short happy path in the shell, typed line by line as a newcomer would: open the demo in a
// room, press its Answer button, answer in the DM, then read results and get the files.
import { existsSync, readdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app/create-app.ts';
import { loadConfig } from '../../../src/infra/config.ts';
import { FixedClock } from '../../fakes/fixed-clock.ts';
import { recordingLogger, tempDbFile } from '../../fakes/test-app.ts';
import { csvRecords, PNG_SIGNATURE } from './survey-helpers.ts';

async function session(lines: string[], dbFile: string, filesDir: string): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const clock = new FixedClock(new Date('2026-11-23T08:00:00Z'));
  const app = await createApp(loadConfig({ DATABASE_URL: dbFile, FILIERA_FILES_DIR: filesDir }), {
    input,
    output,
    interactive: false,
    logger: recordingLogger(),
    clock,
  });
  await app.start();
  input.end(lines.map((l) => l + '\n').join(''));
  await app.shell?.closed;
  await app.stop();
  return text;
}

describe('surveys in the shell', () => {
  it('given a typed session → the demo opens in #general, Marco answers by button, Anna gets results, PNG and CSV', async () => {
    const db = tempDbFile();
    const files = join(mkdtempSync(join(tmpdir(), 'filiera-files-')), 'files');
    const out = await session(
      [
        '/survey list',
        '/survey open demo closes:2026-12-15',
        ':as marco',
        '1',
        ':dm',
        '2',
        'più veloce',
        ':as anna',
        '/survey results demo',
        '/survey export demo',
      ],
      db,
      files,
    );
    expect(out).toContain('demo · Demo survey: not open yet');
    expect(out).toContain('Survey demo (wave v1) is open. Invitations by direct message: 0; channel posts: 1.');
    expect(out).toContain('[1] Answer');
    expect(out).toContain('[marco ➜ #general] 1');
    expect(out).toContain('→ DM @marco');
    expect(out).toContain('Quale canale informativo preferisci?');
    expect(out).toContain('Grazie, le tue risposte sono registrate');
    expect(out).toContain('Web: 1 (100%)');
    // Each export gets a name of its own: the wave and the moment, so a second export never overwrites the first.
    const saved = readdirSync(files);
    const pngName = saved.find((f) => /^demo-v1-results-\d{8}T\d{6}\.png$/.test(f));
    const csvName = saved.find((f) => /^demo-v1-\d{8}T\d{6}\.csv$/.test(f));
    expect(pngName && csvName, saved.join(', ')).toBeTruthy();
    const png = readFileSync(join(files, pngName!));
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(existsSync(join(files, csvName!))).toBe(true);
    const rows = csvRecords(readFileSync(join(files, csvName!), 'utf8'));
    expect(rows).toEqual([expect.objectContaining({ respondent: 'Marco Rossi', PREFERRED_CHANNEL: 'Web', WHY: 'più veloce' })]);
  });
});
