// Who can tell who voted what: anonymous polls show only how many voted while open and the counts
// only at close from the anonymity minimum, and after close the database holds nothing that links
// a vote to a person; named votes are in /privacy export and leave with /privacy delete.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { conversationRef } from '../../../src/core/index.ts';
import { from } from '../../fakes/memory-adapter.ts';
import { testProvider } from '../../fakes/test-database.ts';
import { buttonsOf, cardText, createPollsApp, lastUpdate, voteButton, type PollsApp } from './polls-helpers.ts';

let app: PollsApp;
afterEach(async () => app?.stop());

const general = conversationRef('shell', 'room', 'general');
const memberId = async (platformId: string) => (await app.db.member.findFirstOrThrow({ where: { platformId } })).id;

describe('anonymous polls', () => {
  it('given an anonymous poll → while open only the number of voters shows; at close the counts and chart, and nothing in the database links a vote to a person', async () => {
    // SQLite keeps its key in polls.key beside the file; on PostgreSQL the operator sets it, as here.
    const key: Record<string, string> = testProvider === 'postgresql' ? { FILIERA_POLLS_KEY: 'a-key-from-the-environment' } : {};
    app = await createPollsApp({ FILIERA_ANONYMITY_MIN: '3', ...key });
    const [poll] = await app.adapter.inject(from('anna').command('poll', '"Is the new portal useful?" Yes No "Not yet" anonymous'));
    expect(cardText(poll)).toContain('anonymous: nobody sees who voted');
    for (const [who, option] of [
      ['petra', 'Yes'],
      ['jana', 'Yes'],
      ['lukas', 'No'],
    ] as const)
      await app.adapter.inject(from(who).action('poll:vote', voteButton(poll, option)));
    const live = cardText(lastUpdate(app));
    expect(live).toContain('3 people have voted so far; the results show when the poll closes.');
    expect(live).not.toMatch(/votes? \(/);
    expect(live).not.toMatch(/Petra|Jana|Lukas/);

    // While open the votes are keyed so a person can change theirs, but never by their member id.
    const ids = await Promise.all(['petra', 'jana', 'lukas'].map(memberId));
    const rows = await app.db.pollVote.findMany();
    expect(rows).toHaveLength(3);
    expect(rows.some((r) => ids.includes(r.voterKey) || r.voterName !== null)).toBe(false);
    const keys = rows.map((r) => r.voterKey);
    const secret = (await app.db.poll.findFirstOrThrow()).secret!;
    // The attacker has the database and the member list: hashing every member with the stored secret links nobody.
    const everyone = (await app.db.member.findMany()).map((m) => m.id);
    const guesses = everyone.flatMap((id) => [
      createHmac('sha256', secret).update(id).digest('base64url'),
      createHmac('sha256', id).update(secret).digest('base64url'),
    ]);
    expect(guesses.filter((g) => keys.includes(g))).toEqual([]);

    await app.adapter.inject(from('anna').command('poll', 'close'));
    const final = cardText(lastUpdate(app));
    expect(final).toMatch(/\*Yes\*.*2 votes \(67%\)/);
    expect(final).toMatch(/\*No\*.*1 vote \(33%\)/);
    expect(final).not.toMatch(/Petra|Jana|Lukas/);
    expect(app.adapter.posted.some((p) => p.to === general && p.message.attachments?.[0]?.mediaType === 'image/png')).toBe(true);

    // After close: no vote rows, no secret; the file itself keeps no trace of either.
    expect(await app.db.pollVote.count()).toBe(0);
    expect((await app.db.poll.findFirstOrThrow()).secret).toBeNull();
    if (testProvider === 'sqlite') {
      await app.db.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
      const bytes = readFileSync(app.config.DATABASE_URL).toString('latin1');
      for (const key of keys) expect(bytes).not.toContain(key);
      expect(bytes).not.toContain(secret);
    }
  });

  it('given fewer voters than the minimum → the closed poll says so and shows neither counts nor a chart', async () => {
    app = await createPollsApp({ FILIERA_ANONYMITY_MIN: '3' });
    const [poll] = await app.adapter.inject(from('anna').command('poll', '"Coffee?" Yes No anonymous'));
    await app.adapter.inject(from('petra').action('poll:vote', voteButton(poll, 'Yes')));
    await app.adapter.inject(from('jana').action('poll:vote', voteButton(poll, 'No')));
    await app.adapter.inject(from('anna').action('poll:close', buttonsOf(poll).find((b) => b.actionId === 'poll:close')?.value));
    const final = cardText(lastUpdate(app));
    expect(final).toContain('Only 2 people voted: an anonymous poll shows results from 3 votes');
    expect(final).not.toMatch(/votes? \(/);
    expect(app.adapter.posted.some((p) => p.message.attachments?.length)).toBe(false);
  });
});

describe('named votes as personal data', () => {
  it('given named votes → /privacy export lists them; /privacy delete removes the vote, the name from closed results and from the channel message', async () => {
    app = await createPollsApp();
    const [open] = await app.adapter.inject(from('anna').command('poll', '"Train or car?" Train Car'));
    const [closedPoll] = await app.adapter.inject(from('anna').command('poll', '"Tea or coffee?" Tea Coffee'));
    await app.adapter.inject(from('petra').action('poll:vote', voteButton(open, 'Train')));
    await app.adapter.inject(from('jana').action('poll:vote', voteButton(open, 'Car')));
    await app.adapter.inject(from('petra').action('poll:vote', voteButton(closedPoll, 'Tea')));
    await app.adapter.inject(from('anna').action('poll:close', buttonsOf(closedPoll).find((b) => b.actionId === 'poll:close')?.value));

    const [exported] = await app.adapter.inject(from('petra').command('privacy', 'export'));
    const data = JSON.parse(Buffer.from(exported!.attachments![0]!.base64, 'base64').toString('utf8'));
    expect(data.sections.polls.votes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ question: 'Train or car?', chosen: ['Train'], status: 'open' }),
        expect.objectContaining({ question: 'Tea or coffee?', chosen: ['Tea'], status: 'closed' }),
      ]),
    );

    const before = app.updates.length;
    await app.adapter.inject(from('petra').command('privacy', 'delete confirm'));
    expect(await app.db.pollVote.count({ where: { voterName: 'Petra Horvat' } })).toBe(0);
    expect(await app.db.poll.count({ where: { result: { contains: 'Petra' } } })).toBe(0);
    const shown = app.updates.slice(before).map((u) => cardText(u.message));
    expect(shown).toHaveLength(2);
    expect(shown.join('\n')).not.toContain('Petra');
    expect(shown.join('\n')).toContain('Jana Dvořák');
    // The closed poll still counts the vote, without the name.
    expect(shown.find((s) => s.includes('Tea or coffee?'))).toMatch(/\*Tea\*.*1 vote \(100%\)/);
  });

  it('given two identities of one person merged → their votes move to the one member, keeping the one already there, in named and open anonymous polls', async () => {
    app = await createPollsApp();
    const [named] = await app.adapter.inject(from('anna').command('poll', '"Train or car?" Train Car'));
    const [secret] = await app.adapter.inject(from('anna').command('poll', '"Stay or go?" Stay Go anonymous'));
    const [other] = await app.adapter.inject(from('anna').command('poll', '"Red or blue?" Red Blue anonymous'));
    await app.adapter.inject(from('petra').action('poll:vote', voteButton(named, 'Train')));
    await app.adapter.inject(from('jana').action('poll:vote', voteButton(named, 'Car')));
    await app.adapter.inject(from('petra').action('poll:vote', voteButton(secret, 'Go')));
    await app.adapter.inject(from('petra').action('poll:vote', voteButton(other, 'Red')));
    await app.adapter.inject(from('jana').action('poll:vote', voteButton(other, 'Blue')));
    const provider = app.context.personalData.all().find((p) => p.name === 'polls')!;
    const [petra, jana] = [await memberId('petra'), await memberId('jana')];
    await provider.merge(petra, jana);
    const exported = (await provider.export(jana)).votes as Array<{ question: string; chosen: string[] }>;
    expect(exported.map((v) => `${v.question} ${v.chosen.join(',')}`).sort()).toEqual(['Red or blue? Blue', 'Stay or go? Go', 'Train or car? Car']);
    expect((await provider.export(petra)).votes).toEqual([]);
    // jana now presses "Go" again in the anonymous poll: it is her vote, so it is withdrawn.
    const [withdrawn] = await app.adapter.inject(from('jana').action('poll:vote', voteButton(secret, 'Go')));
    expect(withdrawn?.text).toContain('withdrawn');
  });
});
