// `/news subscribe` as members type it: an update changes only what it names, countries are checked
// (codes and names in Italian, English and German), multi-word values quoted in every usual way, and
// a typo or a stray word gets an error that names the argument, never "Only a network admin".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../../src/core/index.ts';
import { from } from '../../fakes/memory-adapter.ts';
import { createTestApp, type TestApp } from '../../fakes/test-app.ts';

const text = (replies: OutboundMessage[]) => replies.map((r) => r.text).join('\n');
let app: TestApp;
const subscribe = async (who: string, line: string) => text(await app.adapter.inject(from(who).command('news', `subscribe ${line}`)));
const stored = async (who: string) => {
  const identity = await app.db.memberIdentity.findFirstOrThrow({ where: { platformId: who } });
  const row = await app.db.newsSubscription.findFirstOrThrow({ where: { memberId: identity.memberId } });
  return { ...row, filters: JSON.parse(row.filters) as Record<string, unknown> };
};

beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => {
  await app.stop();
});

describe('/news subscribe', () => {
  it('given a full subscription and then countries:SI → only the countries change, every other option stays', async () => {
    expect(
      await subscribe(
        'giulia',
        'topics:"circular economy",clusters programmes:horizon kind:call status:open min-budget:500000 cadence:monthly day:5 at:07:30 tz:Europe/Ljubljana',
      ),
    ).toContain('digest mensile');
    const reply = await subscribe('giulia', 'countries:SI');
    expect(reply).toContain('digest mensile, il prossimo il 5 dic 2026, 07:30');
    expect(reply).toContain('temi circular economy, clusters');
    const row = await stored('giulia');
    expect(row.filters).toEqual({
      topics: ['circular economy', 'clusters'],
      programmes: ['horizon'],
      countries: ['SI'],
      kind: 'call',
      statuses: ['open'],
      minBudget: 500000,
    });
    expect([row.cadence, row.day, row.at, row.timeZone]).toEqual(['monthly', 5, '07:30', 'Europe/Ljubljana']);
    await subscribe('giulia', 'tz:-');
    expect((await stored('giulia')).timeZone).toBe('');
    expect((await stored('giulia')).at).toBe('07:30');
    await subscribe('giulia', 'tz:Europe/Ljubljana');
    // `-` clears one list, min-budget:0 the budget; the rest still stays.
    await subscribe('giulia', 'topics:- min-budget:0');
    expect((await stored('giulia')).filters).toEqual({ topics: [], programmes: ['horizon'], countries: ['SI'], kind: 'call', statuses: ['open'] });
  });

  it('given countries as codes or names in Italian, English or German → stored as ISO codes; an unknown one is refused by name', async () => {
    await subscribe('giulia', 'countries:SLOVENIA,Österreich,"Repubblica Ceca",hrv,EL');
    expect((await stored('giulia')).filters.countries).toEqual(['SI', 'AT', 'CZ', 'HR', 'GR']);
    const refused = await subscribe('giulia', 'countries:IT,Narnia');
    expect(refused).toContain('Non conosco il paese «Narnia»');
    expect((await stored('giulia')).filters.countries).toEqual(['SI', 'AT', 'CZ', 'HR', 'GR']);
  });

  it('given a multi-word topic quoted straight, typographically, with a space after the colon or not at all → never "only an admin"', async () => {
    for (const line of [
      'topics:"circular economy"',
      'topics:“circular economy”',
      'topics:„circular economy“',
      "topics:'circular economy'",
      'topics: "circular economy"',
      '"topics:circular economy"',
    ]) {
      const reply = await subscribe('giulia', line);
      expect(reply, line).not.toContain('amministratore');
      expect((await stored('giulia')).filters.topics, line).toEqual(['circular economy']);
    }
    const unquoted = await subscribe('giulia', 'topics:circular economy');
    expect(unquoted).toContain('«economy» non è un canale');
    expect(unquoted).toContain('topics:"economia circolare"');
    expect(unquoted).not.toContain('amministratore');
  });

  it("given a typo in an option name → the error names the option meant, in the reader's language", async () => {
    expect(await subscribe('giulia', 'topic:clusters')).toMatch(/topic:.*topics:/);
    expect(await subscribe('giulia', 'topic:clusters')).not.toContain('amministratore');
    expect(await subscribe('anna', 'topic:clusters')).toContain('Did you mean topics:?');
  });
});

describe('digests as of the day they are sent', () => {
  it('given a member who changes language and time zone after subscribing → the digest comes at 09:00 in the new zone, in the new language', async () => {
    await subscribe('marco', 'cadence:weekly day:mon at:09:00');
    const identity = await app.db.memberIdentity.findFirstOrThrow({ where: { platformId: 'marco' } });
    await app.db.member.update({ where: { id: identity.memberId }, data: { language: 'de', timeZone: 'America/New_York' } });
    const before = app.adapter.posted.length;
    const digestsOf = () => app.adapter.posted.slice(before).filter((p) => p.to === 'shell:dm:marco');
    const job = app.scheduler.jobs().find((j) => j.name === 'news-digest')!;
    // 12:00 UTC: 09:00 has passed in Rome (where marco was) but not in New York.
    app.clock.set('2026-11-23T12:00:00Z');
    await app.scheduler.runDue(job);
    await app.sender.drain();
    expect(digestsOf()).toHaveLength(0);
    app.clock.set('2026-11-23T14:30:00Z');
    await app.scheduler.runDue(job);
    await app.sender.drain();
    const digest = digestsOf()
      .map((p) => p.message.text)
      .join('\n');
    expect(digest).toContain('Woche vom 23. November 2026');
    // Deadlines read in New York time, zone named.
    expect(digest).toMatch(/Frist \d+\. \w+\.? 202\d, \d\d:\d\d (GMT-5|EST|GMT-4|EDT)/);
  });
});
