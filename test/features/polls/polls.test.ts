// Polls in the channel as people use them through the in-memory adapter: posting, voting in place
// (a press toggles, a single choice moves), the tally edited into the same message, closing by hand
// and by time with the final results and a chart, and the refusals people can run into.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conversationRef } from '../../../src/core/index.ts';
import { from } from '../../fakes/memory-adapter.ts';
import { buttonsOf, cardText, createPollsApp, lastUpdate, voteButton, type PollsApp } from './polls-helpers.ts';

let app: PollsApp;
beforeEach(async () => {
  app = await createPollsApp();
});
afterEach(async () => {
  await app.stop();
});

const general = conversationRef('shell', 'room', 'general');

async function post(line: string, who = 'anna') {
  const replies = await app.adapter.inject(from(who).command('poll', line));
  return { poll: replies[0], ack: replies[1], replies };
}

describe('polls in the channel', () => {
  it('given a named single-choice poll → one button per option; presses move and withdraw the vote, and the same message shows who chose what', async () => {
    const { poll, ack } = await post('"Where do we meet in December?" Milan Turin "Bolzano centre"');
    expect(poll?.card?.title).toBe('📊 Where do we meet in December?');
    expect(buttonsOf(poll).map((b) => b.label)).toEqual(['Milan', 'Turin', 'Bolzano centre', 'Close poll']);
    expect(ack?.text).toMatch(/Poll [A-Z2-9]{6} is posted/);

    await app.adapter.inject(from('petra').action('poll:vote', voteButton(poll, 'Milan')));
    await app.adapter.inject(from('jana').action('poll:vote', voteButton(poll, 'Milan')));
    // Every press edits the one message the poll was posted as.
    expect(new Set(app.updates.map((u) => u.ref.id))).toEqual(new Set([app.updates[0]?.ref.id]));
    expect(app.updates[0]?.ref.id).toMatch(/^reply/);
    expect(cardText(lastUpdate(app))).toMatch(/\*Milan\*\s+[█░]+\s+2 votes \(100%\)\n\s+_Jana Dvořák, Petra Horvat_/);
    expect(cardText(lastUpdate(app))).toContain('2 people voted.');

    // Petra changes her mind: the vote moves; then she withdraws it by pressing again.
    const [moved] = await app.adapter.inject(from('petra').action('poll:vote', voteButton(poll, 'Turin')));
    expect(moved?.text).toContain('Your vote in “Where do we meet in December?”: Turin.');
    expect(cardText(lastUpdate(app))).toMatch(/\*Milan\*.*1 vote \(50%\)\n\s+_Jana Dvořák_/);
    expect(cardText(lastUpdate(app))).toMatch(/\*Turin\*.*1 vote \(50%\)\n\s+_Petra Horvat_/);
    expect(cardText(lastUpdate(app))).toContain('*Milan*  █████░░░░░  1 vote (50%)');
    const [withdrawn] = await app.adapter.inject(from('petra').action('poll:vote', voteButton(poll, 'Turin')));
    expect(withdrawn?.text).toContain('is withdrawn');
    expect(cardText(lastUpdate(app))).toContain('1 person voted.');
    expect(cardText(lastUpdate(app))).toMatch(/\*Turin\*.*0 votes/);
  });

  it('given a press counted by another replica while this one edits → the message is edited again with the latest tally', async () => {
    const { poll } = await post('"Lunch or dinner?" Lunch Dinner');
    const pollId = (await app.db.poll.findFirstOrThrow()).id;
    let raced = false;
    app.afterUpdate = async () => {
      if (raced) return;
      raced = true;
      await app.db.pollVote.create({ data: { pollId, voterKey: 'counted-elsewhere', voterName: 'Lukas Huber', choices: '0' } });
    };
    await app.adapter.inject(from('petra').action('poll:vote', voteButton(poll, 'Dinner')));
    expect(app.updates).toHaveLength(2);
    expect(cardText(app.updates[0]?.message)).toContain('1 person voted.');
    expect(cardText(lastUpdate(app))).toContain('2 people voted.');
    expect(cardText(lastUpdate(app))).toContain('_Lukas Huber_');
  });

  it('given a multiple-choice poll → each press adds or removes that option only', async () => {
    const { poll } = await post('Which topics for the next meeting? | Funding calls | Internationalisation | Digital skills multiple');
    expect(cardText(poll)).toContain('Several choices');
    await app.adapter.inject(from('petra').action('poll:vote', voteButton(poll, 'Funding calls')));
    const [both] = await app.adapter.inject(from('petra').action('poll:vote', voteButton(poll, 'Digital skills')));
    expect(both?.text).toContain('Funding calls, Digital skills');
    await app.adapter.inject(from('petra').action('poll:vote', voteButton(poll, 'Funding calls')));
    const text = cardText(lastUpdate(app));
    expect(text).toMatch(/\*Funding calls\*.*0 votes/);
    expect(text).toMatch(/\*Digital skills\*.*1 vote \(100%\)/);
  });

  it('given the author closes the poll → the message shows final results without buttons, a chart is posted, and later presses are refused', async () => {
    const { poll } = await post('"Lunch or dinner?" Lunch Dinner');
    await app.adapter.inject(from('petra').action('poll:vote', voteButton(poll, 'Dinner')));
    const [refused] = await app.adapter.inject(from('petra').command('poll', 'close'));
    expect(refused?.text).toBe("Only the poll's author, staff or an admin can close it.");
    const [closed] = await app.adapter.inject(from('anna').command('poll', 'close'));
    expect(closed?.text).toMatch(/Poll [A-Z2-9]{6} is closed/);
    const final = lastUpdate(app);
    expect(final?.card?.title).toBe('📊 Lunch or dinner? — final results');
    expect(buttonsOf(final)).toEqual([]);
    expect(cardText(final)).toMatch(/\*Dinner\*.*1 vote \(100%\)\n\s+_Petra Horvat_/);
    const chart = app.adapter.posted.find((p) => p.to === general && p.message.attachments?.length);
    expect(chart?.message.text).toBe('Final results of “Lunch or dinner?” (1 person voted).');
    expect(chart?.message.attachments?.[0]?.mediaType).toBe('image/png');
    expect(Buffer.from(chart!.message.attachments![0]!.base64, 'base64').subarray(1, 4).toString()).toBe('PNG');

    const [late] = await app.adapter.inject(from('jana').action('poll:vote', voteButton(poll, 'Lunch')));
    expect(late?.text).toContain('is closed; votes are no longer taken');
  });

  it('given a poll code → staff close a member’s poll by it, typed in any case; unknown codes are named', async () => {
    const { poll, ack } = await post('"Lunch or dinner?" Lunch Dinner', 'petra');
    const code = /Poll ([A-Z2-9]{6})/.exec(ack!.text)![1]!;
    expect(cardText(poll)).toContain(`Poll ${code}.`);
    const [unknown] = await app.adapter.inject({ ...from('marco').command('poll', 'close ZZZZZZ'), locale: 'en' });
    expect(unknown?.text).toBe('There is no poll with code ZZZZZZ.');
    const [closed] = await app.adapter.inject({ ...from('marco').command('poll', `close ${code.toLowerCase()}`), locale: 'en' });
    expect(closed?.text).toBe(`Poll ${code} is closed; the results are in its message.`);
    expect(lastUpdate(app)?.card?.title).toBe('📊 Lunch or dinner? — final results');
    const [again] = await app.adapter.inject({ ...from('marco').command('poll', `close ${code}`), locale: 'en' });
    expect(again?.text).toBe('The poll “Lunch or dinner?” is already closed.');
  });

  it('given a closing time → the polls-close job closes it when due and edits the message; before that it stays open', async () => {
    const { poll } = await post('"Visit the fair?" Yes No closes:30m');
    expect(cardText(poll)).toMatch(/closes Nov 23, 2026, 9:30 AM GMT\+1/);
    await app.adapter.inject(from('petra').action('poll:vote', voteButton(poll, 'Yes')));
    await app.scheduler.runNow('polls-close');
    expect(buttonsOf(lastUpdate(app)).length).toBe(3);
    app.clock.advance(31 * 60_000);
    const run = await app.scheduler.runNow('polls-close');
    expect(run.ok && run.summary).toBe('polls closed: 1');
    expect(lastUpdate(app)?.card?.title).toContain('final results');
    expect(cardText(lastUpdate(app))).toMatch(/closed Nov 23, 2026, 9:31 AM/);
  });

  it('given a time of day → it is the author’s own time, shown to everyone in the network’s time zone', async () => {
    await app.adapter.inject(from('petra').command('network', 'set timezone:Europe/Lisbon'));
    const [poll] = await app.adapter.inject(from('petra').command('poll', '"Call at five?" Yes No closes:17:00'));
    expect(cardText(poll)).toContain('closes Nov 23, 2026, 6:00 PM GMT+1');
  });

  it('given a press after the closing time but before the job ran → the poll closes there and the vote is not counted', async () => {
    const { poll } = await post('"Visit the fair?" Yes No closes:1h');
    app.clock.advance(2 * 60 * 60_000);
    const [late] = await app.adapter.inject(from('petra').action('poll:vote', voteButton(poll, 'Yes')));
    expect(late?.text).toBe('This poll has closed; votes are no longer taken.');
    expect(cardText(lastUpdate(app))).toContain('Nobody has voted yet.');
    expect(buttonsOf(lastUpdate(app))).toEqual([]);
  });

  it('given mistakes → clear refusals in the person’s language, and nothing is posted', async () => {
    const it = (text: string) => app.adapter.inject({ ...from('paolo').command('poll', text), locale: 'it' });
    expect((await it('"Dove?" Milano'))[0]?.text).toContain('ne hai indicata 1');
    expect((await it('"Dove?" Milano Torino closes:ieri'))[0]?.text).toContain('Non riesco a leggere «ieri»');
    expect((await it('"Dove?" Milano Milano'))[0]?.text).toContain('compare due volte');
    const de = await app.adapter.inject({ ...from('paolo').command('poll', '"Wo?" Mailand Turin closes:1.1.2020'), locale: 'de' });
    expect(de[0]?.text).toContain('ist schon vorbei');
    const dm = await app.adapter.inject(from('paolo', 'dm').command('poll', '"Dove?" Milano Torino'));
    expect(dm[0]?.text).toContain('I sondaggi si pubblicano in un canale');
    expect(app.updates).toEqual([]);
  });

  it('given polls in Italian and German → the card speaks its author’s language with the right plurals', async () => {
    const { poll } = await (async () => {
      const replies = await app.adapter.inject({ ...from('paolo').command('poll', '"Dove ci vediamo?" Milano Torino closes:2g'), locale: 'it' });
      return { poll: replies[0] };
    })();
    expect(cardText(poll)).toContain('Una scelta · nominativo');
    expect(cardText(poll)).toContain('chiude 25 nov 2026');
    await app.adapter.inject(from('petra').action('poll:vote', voteButton(poll, 'Milano')));
    expect(cardText(lastUpdate(app))).toContain('Ha votato 1 persona.');
    expect(cardText(lastUpdate(app))).toMatch(/\*Milano\*.*1 voto \(100%\)/);
    const de = await app.adapter.inject({
      ...from('lukas').command('poll', 'Wo treffen wir uns? | Mailand | Turin closes:"30.11.2026 17:00" anonymous'),
      locale: 'de',
    });
    expect(cardText(de[0])).toContain('Eine Wahl · anonym: Niemand sieht, wer abgestimmt hat · schließt 30. Nov. 2026, 17:00 MEZ');
    expect(buttonsOf(de[0]).map((b) => b.label)).toEqual(['Mailand', 'Turin', 'Abstimmung schließen']);
  });

  it('given ten long options and many voters → every option has its button, names are cut after eight, and the card stays within one Discord embed', async () => {
    const options = Array.from({ length: 10 }, (_, i) => `"${String(i).repeat(3)} ${'option label '.repeat(6)}`.slice(0, 76) + '"');
    const { poll } = await post(`"Which one?" ${options.join(' ')}`);
    const labels = buttonsOf(poll).map((b) => b.label);
    expect(labels).toHaveLength(11);
    expect(labels.slice(0, 10).every((l) => l.length === 75)).toBe(true);
    for (let i = 1; i <= 12; i++) await app.adapter.inject(from(`voter${i}`).action('poll:vote', voteButton(poll, labels[0]!)));
    const text = cardText(lastUpdate(app));
    expect(text).toContain('12 votes (100%)');
    expect(text).toContain('and 4 more_');
    expect(text.length).toBeLessThan(4096);
    const [tooMany] = await app.adapter.inject(from('anna').command('poll', `"Which one?" ${options.join(' ')} extra`));
    expect(tooMany?.text).toContain('A poll needs 2 to 10 options; you gave 11.');
  });

  it('given /poll list → the open polls here with their codes', async () => {
    expect((await app.adapter.inject(from('petra').command('poll', 'list')))[0]?.text).toBe('There is no open poll here.');
    await post('"A or B?" A B');
    app.clock.advance(60_000);
    await post('"C or D?" C D closes:1d');
    const [list] = await app.adapter.inject(from('petra').command('poll', 'list'));
    expect(list?.text).toMatch(/^2 open polls here:\n• [A-Z2-9]{6}: C or D\? \(Nov 24, 2026, 9:01 AM GMT\+1\)\n• [A-Z2-9]{6}: A or B\? \(open until closed\)$/);
  });
});
