// Searching good practice as members do: words written with apostrophes, hyphens and dots, stems
// in Italian, English and German, ranking, and hostile queries that must never hold the bot.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundEvent } from '../../../src/core/index.ts';
import { entryTerms, parseSearch } from '../../../src/features/exchange/exchange-search.ts';
import { stems, words } from '../../../src/features/exchange/exchange-search-text.ts';
import { createPrismaExchange } from '../../../src/infra/prisma/prisma-exchange.ts';
import { from } from '../../fakes/memory-adapter.ts';
import { createTestApp, type TestApp } from '../../fakes/test-app.ts';

let app: TestApp;
const search = async (who: string, text: string): Promise<string> =>
  (await app.adapter.inject(from(who).command('exchange', `search ${text}`) as InboundEvent)).map((m) => m.text).join('\n');

/** Stores an answered question the way /exchange answered does. */
async function practice(question: string, answers: string, topics = 'internationalisation internazionalizzazione'): Promise<number> {
  const repo = createPrismaExchange(app.db, app.clock);
  const q = await repo.createQuestion(
    { askerId: 'ines', platform: 'shell', text: question, topics: ['internationalisation'], languages: ['it'] },
    app.clock.now(),
  );
  await repo.openQuestion(q.id, 'shell:room:x', [], [], app.clock.now());
  const entry = { question, answers, topics };
  await repo.markAnswered(q.id, [], null, entry, entryTerms(entry), [], app.clock.now());
  return q.id;
}

beforeAll(async () => {
  app = await createTestApp({ FILIERA_SEED: '0' });
  await app.adapter.inject(from('otto').command('network', 'set language:de'));
  await app.adapter.inject(from('lena').command('network', 'set language:en'));
  await practice("Come gestite l'internazionalizzazione delle PMI?", 'carla: Missioni in Germania con la Camera di commercio.');
  await practice('Who has experience with co-funding for EU-funding calls?', 'dieter: We matched 5.000 EUR per firm from the region.');
  await practice('Chi conosce il consorzio DI.MA.PLA.?', 'paolo: Sì, lavorano sulla plastica riciclata.', 'supply-chain filiera');
  await practice('Wie beantragt ihr Fördermittel für Messen?', 'jana: Über das Landesprogramm, mit einem Sammelantrag.', 'eu-funding Förderung');
  // Noise, so ranking and hostile queries meet a realistic index.
  for (let i = 0; i < 200; i++) await practice(`Domanda ${i} sulla missione commerciale e il mercato ${i % 7}`, `risposta ${i} con un po' di esperienza`);
}, 120_000);
afterAll(async () => {
  await app.stop();
});

describe('reading words as people write them', () => {
  it('given elisions, compounds, numbers and dotted acronyms → each is found whole and by its parts', () => {
    expect(words("l'internazionalizzazione").map((w) => w.main)).toEqual(['internazionalizzazione']);
    expect(words('co-funding eu-funding').flatMap((w) => w.forms)).toEqual(['cofunding', 'co', 'funding', 'eufunding', 'eu', 'funding']);
    expect(words('5.000 DI.MA.PLA.').map((w) => w.main)).toEqual(['5000', 'dimapla']);
    expect(stems('missioni')).toContain(stems('missione')[0]);
    expect(stems('Förderung'.toLowerCase())).toContain('forder');
  });

  it('given a query over the limits → it is refused with the limit, or its extra words are named', () => {
    expect(parseSearch('x'.repeat(201))).toMatchObject({ ok: false, error: { kind: 'too_long', max: 200 } });
    const many = parseSearch('uno due tre quattro cinque sei sette otto nove dieci');
    expect(many.ok && many.value.leftOut).toEqual(['nove', 'dieci']);
    expect(parseSearch('!!! ...')).toMatchObject({ ok: false, error: { kind: 'no_words' } });
  });
});

describe('/exchange search', () => {
  it.each([
    ["l'internazionalizzazione", /#1 ·/],
    ['internazionale', /#1 ·/],
    ['missione Germania', /#1 ·/],
    ['co-funding', /#2 ·/],
    ['eu-funding', /#2 ·/],
    ['5.000', /#2 ·/],
    ['funded', /#2 ·/],
    ['DI.MA.PLA.', /#3 ·/],
    ['dimapla', /#3 ·/],
    ['Förderung', /#4 ·/],
    ['Fördermittel Messe', /#4 ·/],
  ])('given stored entries in three languages → "%s" finds the entry that wrote it', async (query, expected) => {
    expect(await search('lena', query)).toMatch(expected);
  });

  it('given a word in the question and in many other entries → the entry with every word comes first, with the words in bold', async () => {
    const found = await search('ines', 'missioni Germania');
    expect(found.split('\n')[1]).toMatch(/^#1 · Come gestite/);
    expect(found).toMatch(/\*Missioni\* in \*Germania\*/);
  });

  /**
   * The longest the event loop was held while the bot answered this search. A query that blocks does
   * so every time; the machine's own hiccups (other processes on a shared CI box) do not repeat, so
   * the best of three runs is what the search itself costs.
   */
  const heldFor = async (query: string): Promise<{ ms: number; reply: string }> => {
    let best = Number.POSITIVE_INFINITY;
    let reply = '';
    for (let run = 0; run < 3; run++) {
      const delay = monitorEventLoopDelay({ resolution: 2 });
      delay.enable();
      reply = await search('otto', query);
      delay.disable();
      best = Math.min(best, delay.max / 1e6);
    }
    return { ms: best, reply };
  };

  it("given hostile queries → none holds the event loop 50 ms, each gets an answer in the person's language", async () => {
    const hostile = [
      Array.from({ length: 640 }, () => 'a b').join(' '),
      Array.from({ length: 5000 }, (_, i) => `w${i}`).join(' '),
      'missione '.repeat(20),
      '"NEAR(x" OR * AND ^^ ~~ -- ;DROP TABLE',
      'x'.repeat(100_000),
      '\u0000\uffff\ud83d\ude00 %_% \\',
      'a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p',
      'ma mi mo mu',
    ];
    for (const query of hostile) {
      const { ms, reply } = await heldFor(query);
      expect(ms, query.slice(0, 40)).toBeLessThan(50);
      expect(reply).not.toMatch(/failed|Fehler:|reference/i);
      expect(reply.length).toBeGreaterThan(0);
    }
    expect(await search('otto', 'x'.repeat(100_000))).toMatch(/höchstens 200 Zeichen/);
    expect(await search('otto', Array.from({ length: 30 }, (_, i) => `w${i}`).join(' '))).toMatch(/nur die ersten 8 Wörter/);
  });
});
