// Helpers for the survey tests: answer a questionnaire in a DM the way a person types, and read
// back what the bot attached (CSV rows, PNG bytes).
import { expect } from 'vitest';
import { conversationRef, type OutboundMessage } from '../../../src/core/index.ts';
import { from, shellUser } from '../../fakes/memory-adapter.ts';
import type { TestApp } from '../../fakes/test-app.ts';

/** Typed answers by field id; anything not listed gets a plain valid answer for its kind. */
export type Script = Record<string, string>;

/** The field the bot is asking this person right now, or null when no questionnaire is under way. */
export async function currentField(app: TestApp, who: string) {
  const session = (await app.bot.questionnaires.find(shellUser(who), 'survey:answer')) ?? null;
  return session ? (session.form.fields[session.index] ?? null) : null;
}

/**
 * Answers questions in `who`'s DM until the questionnaire ends or `stopAfter` answers were typed.
 * Returns how many answers were typed.
 */
export async function answerInDm(app: TestApp, who: string, script: Script, stopAfter = Infinity): Promise<number> {
  let typed = 0;
  for (let field = await currentField(app, who); field && typed < stopAfter; field = await currentField(app, who)) {
    let answer = script[field.id];
    if (answer === undefined) {
      if (field.kind === 'choice') answer = field.multiple ? '1, 2' : '1';
      else if (field.kind === 'scale') answer = '4';
      else if (field.kind === 'number') answer = '10';
      else answer = 'ok';
    }
    await app.adapter.inject(from(who, 'dm').message(answer));
    typed++;
  }
  return typed;
}

export const dm = (who: string) => conversationRef('shell', 'dm', who);

export function lastTo(app: TestApp, who: string): OutboundMessage {
  const messages = app.adapter.posted.filter((p) => p.to === dm(who));
  expect(messages.length).toBeGreaterThan(0);
  return messages.at(-1)!.message;
}

export function attachment(message: OutboundMessage | undefined, mediaType: string): Buffer {
  const file = message?.attachments?.find((a) => a.mediaType === mediaType);
  expect(file, `an attachment of type ${mediaType}`).toBeDefined();
  return Buffer.from(file!.base64, 'base64');
}

/** RFC 4180 CSV, enough to read back what csv-stringify wrote. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') ((cell += '"'), i++);
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') (row.push(cell), (cell = ''));
    else if (c === '\n') (row.push(cell), rows.push(row), (row = []), (cell = ''));
    else if (c !== '\r') cell += c;
  }
  if (cell !== '' || row.length) (row.push(cell), rows.push(row));
  return rows;
}

/** CSV rows as objects keyed by the header. */
export function csvRecords(text: string): Record<string, string>[] {
  expect(text.startsWith('\uFEFF'), 'the CSV starts with a UTF-8 byte-order mark').toBe(true);
  const [header = [], ...rows] = parseCsv(text.slice(1));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
