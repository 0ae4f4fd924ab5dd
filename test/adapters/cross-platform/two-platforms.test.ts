// One network on Slack and Discord at once, through both real adapters and their local fakes, in one
// process on one database: Lena links her Slack and Discord accounts; a survey opened on Slack to
// everyone invites her once (and Discord-only Giulia too), she answers once (on Discord), results
// count her once, and subscribed on both platforms she receives one digest, on the platform she uses.
import { afterEach, describe, expect, it } from 'vitest';
import { people, readable, slashCommand, type Person } from '../../fakes/discord/discord-payloads.ts';
import { startTwoPlatforms, type TwoPlatforms } from './two-platforms-harness.ts';

let h: TwoPlatforms;
afterEach(async () => h?.stop());

const ADMIN = 'UADMIN';
const LENA_SLACK = 'ULENA';
const lena: Person = { id: '700000000000000009', name: 'lena', locale: 'en-US' };
const text = (body: Record<string, any>) => String(body.text ?? '') + JSON.stringify(body.blocks ?? []);

/** What Lena received by DM on both platforms. */
function lenasDms(): string[] {
  const onSlack = h.slackFake.posted('DLENA').map((m) => text(m));
  const dm = h.discordFake.dmChannelOf(lena.id);
  const onDiscord = dm ? h.discordFake.messagesIn(dm).map(readable) : [];
  return [...onSlack.map((t) => `slack: ${t}`), ...onDiscord.map((t) => `discord: ${t}`)];
}

describe('one network on Slack and Discord together', () => {
  it('given Lena linked across both → invited once, answers once, counted once, one digest', async () => {
    h = await startTwoPlatforms(
      { FILIERA_ADMINS: `slack:${ADMIN}`, FILIERA_ANONYMITY_MIN: '2', FILIERA_LANGUAGE: 'en' },
      {
        [ADMIN]: { name: 'anna', locale: 'en-US', tz: 'Europe/Rome' },
        [LENA_SLACK]: { name: 'lena', locale: 'en-US', tz: 'Europe/Berlin' },
        UMARCO: { name: 'marco', locale: 'en-US', tz: 'Europe/Rome' },
      },
    );
    // Everyone meets the bot, in their DM with it (where a person asks about themselves); Giulia is on Discord only.
    await h.slackCommand(ADMIN, 'DADMIN', '/network', 'me');
    await h.slackCommand('UMARCO', 'DMARCO', '/network', 'me');
    await h.interact(slashCommand(h.discordFake, people.giulia, 'network', 'me'));

    // Lena links: a code asked for in her Slack DM with the bot, typed on Discord.
    // (Her first words to the bot: the privacy notice comes first in the DM, then the code.)
    const asked = await h.slackCommand(LENA_SLACK, 'DLENA', '/network', 'link');
    const code = /\*([A-Z0-9]{4}-[A-Z0-9]{4})\*/.exec(asked.map(text).join('\n'))?.[1];
    expect(code).toBeDefined();
    const linked = await h.interact(slashCommand(h.discordFake, lena, 'network', 'link', [{ name: 'code', type: 3, value: code }]));
    expect(JSON.stringify(linked.body)).toContain('one member on');
    const members = await h.app.db.member.count();
    expect(await h.app.db.memberIdentity.count()).toBe(members + 1);

    // The survey, opened on Slack to everyone: one invitation each, Lena's on Slack (her first account).
    const [opened] = await h.slackCommand(ADMIN, 'CGEN', '/survey', 'open demo to:everyone');
    expect(text(opened ?? {})).toContain('Invitations by direct message: 4;');
    await h.app.sender.drain();
    expect(lenasDms().filter((t) => /invited to answer/i.test(t))).toHaveLength(1);
    const giuliaDm = h.discordFake.dmChannelOf(people.giulia.id);
    expect(h.discordFake.messagesIn(giuliaDm!).map(readable).join('\n')).toMatch(/invited to answer/i);

    // She answers on Discord, in a direct conversation; the answer is hers, whichever account typed it.
    await h.interact(slashCommand(h.discordFake, lena, 'survey', 'answer', [{ name: 'id', type: 3, value: 'demo' }]));
    await h.discordDm(lena, '1');
    const end = await h.discordDm(lena, 'skip');
    expect(end.map(readable).join('\n')).toMatch(/thank/i);
    const again = await h.interact(slashCommand(h.discordFake, lena, 'survey', 'answer', [{ name: 'id', type: 3, value: 'demo' }]));
    await h.discordDm(lena, 'cancel');
    expect(JSON.stringify(again.body) + lenasDms().join('\n')).not.toMatch(/error/i);
    const wave = await h.app.db.surveyWave.findFirstOrThrow({ where: { surveyId: 'demo', status: 'open' } });
    expect(await h.app.db.surveyResponse.count({ where: { waveId: wave.id } })).toBe(1);
    const results = await h.slackCommand(ADMIN, 'DADMIN', '/survey', 'results demo');
    expect(results.map(text).join('\n')).toMatch(/25% of 4 invited/);

    // Subscribed on both platforms: one digest, on Slack, none on Discord.
    await h.slackCommand(LENA_SLACK, 'DLENA', '/news', 'subscribe cadence:daily at:10:00 tz:Europe/Rome');
    await h.interact(slashCommand(h.discordFake, lena, 'news', 'subscribe', [{ name: 'cadence', type: 3, value: 'daily' }]));
    expect(await h.app.db.newsSubscription.count({ where: { memberId: { not: null } } })).toBe(2);
    h.clock.advance(3 * 60 * 60_000);
    await h.app.scheduler.runNow('news-digest');
    await h.app.sender.drain();
    const digests = lenasDms().filter((t) => /Funding calls and events/.test(t));
    expect(digests.length).toBeGreaterThan(0);
    expect(digests.every((t) => t.startsWith('slack: '))).toBe(true);
    expect(await h.app.db.outboxMessage.count({ where: { kind: 'news-digest', dedupeKey: { endsWith: ':1' } } })).toBe(1);
  });
});
