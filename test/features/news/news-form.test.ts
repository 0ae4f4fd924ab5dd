// The add-item form in a direct conversation, as an admin fills it: each answer is checked as it is
// given (a bad or past date, an event ending before it starts, an unknown country), the same question
// comes back with the reason, and earlier answers are never asked again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { from } from '../../fakes/memory-adapter.ts';
import { createTestApp, type TestApp } from '../../fakes/test-app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
  await app.sender.drain();
});
afterAll(async () => {
  await app.stop();
});

/** Sends one answer in anna's DM and returns what the bot said back (reply and posts). */
async function answer(text: string): Promise<string> {
  const before = app.adapter.posted.length;
  const replies = await app.adapter.inject(from('anna', 'dm').message(text));
  const posted = app.adapter.posted.slice(before).filter((p) => p.to === 'shell:dm:anna');
  return [...replies.map((r) => r.text), ...posted.map((p) => p.message.text)].join('\n');
}

describe('/news add, one answer at a time', () => {
  it('given an event that ends before it starts → refused at the end question; then accepted without asking earlier questions again', async () => {
    await app.adapter.inject(from('anna').command('news', 'add'));
    expect(await answer('2')).toContain('Title');
    expect(await answer('Info day on circular economy')).toContain('Deadline (call) or start (event)');
    expect(await answer('2027-15-40')).toContain('Please write the date as YYYY-MM-DD');
    expect(await answer('2025-03-15')).toContain('2025-03-15 has already passed');
    expect(await answer('2027-03-15 10:00')).toContain('End (events, optional)');
    const refused = await answer('2027-03-14');
    expect(refused).toContain('The event would end before it starts');
    expect(refused).toContain('End (events, optional)');
    expect(await answer('2027-03-15 09:00')).toContain('would end before it starts');
    const next = await answer('2027-03-15 16:00');
    expect(next).toContain('Link');
    expect(next).not.toContain('Title');
    expect(next).not.toContain('Deadline (call) or start');
    expect(await answer('not a link')).toContain('Please give a link starting with http');
    expect(await answer('https://example.org/info-day')).toContain('Identifier');
    expect(await answer('skip')).toContain('Programme');
    expect(await answer('skip')).toContain('Place');
    expect(await answer('Ljubljana')).toContain('Topics');
    const done = await answer('circular economy');
    expect(done).toMatch(/Added “Info day on circular economy” as \[[0-9a-z]{7}\]/);
    const id = done.match(/\[([0-9a-z]{7})\]/)?.[1] ?? '';
    const shown = (await app.adapter.inject(from('anna').command('news', `show ${id}`))).map((r) => r.text).join('\n');
    expect(shown).toMatch(/15 mar 2027, 10:00 CET – 15 mar 2027, 16:00 CET|Mar 15, 2027, 10:00 AM GMT\+1 – Mar 15, 2027, 04:00 PM GMT\+1/);
    expect(shown).toContain('Ljubljana');
  });

  it('given a call with an unknown country → refused at that answer, named', async () => {
    await app.adapter.inject(from('anna').command('news', 'add'));
    for (const a of ['1', 'Bando test', '2027-05-10', 'skip', 'skip', 'skip', 'skip', 'skip']) await answer(a);
    const refused = await answer('IT,Narnia');
    expect(refused).toContain("I don't know the country “Narnia”");
    expect(await answer('Italia, Slovenia')).toMatch(/Added “Bando test”/);
  });
});
