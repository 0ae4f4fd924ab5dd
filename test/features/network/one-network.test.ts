// One network across platforms, as a person on two platforms and their partners see it: linking
// keeps one answer per survey, one subscription, one profile and no duplicate follows; a linked
// person is invited once and gets one digest, on the platform they picked; two people with no
// platform in common are introduced by DM with each other's handle.
import { afterEach, describe, expect, it } from 'vitest';
import { conversationRef, type InboundEvent, type Platform } from '../../../src/core/index.ts';
import { from, MemoryAdapter } from '../../fakes/memory-adapter.ts';
import { createTestApp, type TestApp } from '../../fakes/test-app.ts';

let app: TestApp;
afterEach(async () => app?.stop());

/** A person's account on one adapter: commands in a room, messages and actions in their DM. */
function person(adapter: MemoryAdapter, platform: Platform, id: string, displayName: string) {
  const user = { platform, id, displayName };
  const dm = conversationRef(platform, 'dm', id);
  const room = conversationRef(platform, 'room', 'general');
  const send = (event: object) => adapter.inject({ platform, user, ...event } as InboundEvent);
  return {
    user,
    dm,
    command: (name: string, text = '') => send({ kind: 'command', name, text, conversation: room, isDirect: false }),
    message: (text: string) => send({ kind: 'message', text, conversation: dm, isDirect: true }),
    action: (actionId: string, value: string) => send({ kind: 'action', actionId, value, conversation: dm, isDirect: true }),
    submit: (formId: string, values: object) => send({ kind: 'form_submit', formId, values, conversation: dm, isDirect: true }),
    /** Answers the survey questionnaire in the DM with plain valid answers. */
    async answerSurvey(): Promise<void> {
      await send({ kind: 'command', name: 'survey', text: 'answer demo', conversation: dm, isDirect: true });
      for (let i = 0; i < 30; i++) {
        const session = await app.bot.questionnaires.find(user, 'survey:answer');
        const field = session?.form.fields[session.index];
        if (!field) return;
        await this.message(field.kind === 'choice' ? '1' : field.kind === 'scale' ? '4' : field.kind === 'number' ? '3' : 'fine');
      }
    },
  };
}

async function link(a: ReturnType<typeof person>, b: ReturnType<typeof person>): Promise<string> {
  const [asked] = await a.command('network', 'link');
  const code = /\*([A-Z0-9]{4}-[A-Z0-9]{4})\*/.exec(asked?.text ?? '')?.[1];
  const [linked] = await b.command('network', `link ${code}`);
  return linked?.text ?? '';
}

const profile = (canHelp: string[], needsHelp: string[]) => ({
  clusterName: 'Cluster',
  sector: 'Textiles',
  clusterType: 'industrial',
  country: 'IT',
  languages: ['en'],
  canHelp,
  needsHelp,
});

describe('one network across platforms', () => {
  it('given one person answering, subscribing and following on two accounts → linking keeps one of each', async () => {
    const slack = new MemoryAdapter(undefined, 'slack');
    app = await createTestApp({}, undefined, [slack]);
    const shell = person(app.adapter, 'shell', 'petra', 'Petra Horvat');
    const other = person(slack, 'slack', 'UPETRA', 'Petra H.');
    // Only invited people answer: the Slack account must be a member when the survey opens.
    await other.command('help');
    await app.adapter.inject(from('anna').command('survey', 'open demo to:everyone'));
    await shell.answerSurvey();
    await other.answerSurvey();
    const [item] = await app.db.newsItem.findMany({ where: { kind: 'event' }, take: 1 });
    for (const p of [shell, other]) {
      await p.command('news', 'subscribe cadence:weekly at:09:00 tz:Europe/Rome');
      await p.action('news:follow', item!.id);
      await p.submit('exchange:profile', profile(['training'], ['financing']));
    }
    expect(await app.db.surveyResponse.count()).toBe(2);

    expect(await link(shell, other)).toContain('one member on shell, slack');
    const member = await app.db.member.findFirstOrThrow({ where: { platformId: 'petra' } });
    expect(await app.db.surveyResponse.findMany({ select: { memberId: true, unitKey: true } })).toEqual([
      { memberId: member.id, unitKey: `member:${member.id}` },
    ]);
    const wave = await app.db.surveyWave.findFirstOrThrow({ where: { surveyId: 'demo' } });
    const invited = JSON.parse(wave.invited) as string[];
    expect(invited.filter((id) => id === member.id)).toHaveLength(1);
    expect(invited.length).toBe(await app.db.member.count());
    expect(await app.db.newsSubscription.findMany({ where: { memberId: { not: null } }, select: { memberId: true } })).toEqual([{ memberId: member.id }]);
    expect(await app.db.newsFollow.count()).toBe(1);
    expect(await app.db.exchangeProfile.count({ where: { memberId: member.id } })).toBe(1);
    const [again] = await other.command('survey', 'answer demo');
    expect(again?.text).not.toContain('You are invited');
  });

  it('given a linked person → one invitation, and one digest on the platform they picked', async () => {
    const slack = new MemoryAdapter(undefined, 'slack');
    app = await createTestApp({}, undefined, [slack]);
    const shell = person(app.adapter, 'shell', 'petra', 'Petra Horvat');
    const other = person(slack, 'slack', 'UPETRA', 'Petra H.');
    await other.command('network', 'me');
    await link(shell, other);
    await other.command('network', 'set platform:slack');
    await shell.command('news', 'subscribe cadence:weekly at:09:00 tz:Europe/Rome');
    await other.command('news', 'subscribe cadence:weekly at:09:00 tz:Europe/Rome');
    await app.adapter.inject(from('anna').command('survey', 'open demo to:everyone'));
    await app.scheduler.runNow('news-digest');
    await app.sender.drain();
    const texts = [...app.adapter.textsTo(shell.dm), ...slack.textsTo(other.dm)];
    expect(texts.filter((t) => t.includes('You are invited to answer'))).toHaveLength(1);
    expect(slack.textsTo(other.dm).filter((t) => t.includes('You are invited to answer'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('Funding calls and events'))).toHaveLength(1);
    expect(slack.textsTo(other.dm).filter((t) => t.includes('Funding calls and events'))).toHaveLength(1);
  });

  it('given a pair with no platform in common → each gets a DM naming the other and where to find them', async () => {
    const slack = new MemoryAdapter(undefined, 'slack');
    app = await createTestApp({ FILIERA_SEED: '0' }, undefined, [slack]);
    const carla = person(app.adapter, 'shell', 'carla', 'Carla Rossi');
    const kai = person(slack, 'slack', 'UKAI', 'kai.berg');
    await carla.submit('exchange:profile', profile(['training'], ['financing']));
    await kai.submit('exchange:profile', profile(['financing'], ['training']));
    await app.adapter.inject(from('carla').command('network', 'me'));
    await app.db.member.updateMany({ where: { platformId: 'carla' }, data: { role: 'admin' } });
    await carla.command('exchange', 'round');
    const proposal = await app.db.exchangeProposal.findFirstOrThrow();
    await carla.action('exchange:accept', proposal.id);
    const [reply] = await kai.action('exchange:accept', proposal.id);
    await app.sender.drain();
    expect(reply?.text).toContain('write to Carla Rossi directly, @Carla Rossi on Shell');
    expect(app.adapter.textsTo(carla.dm).join('\n')).toContain('write to kai.berg directly, @kai.berg on Slack');
    expect(app.adapter.threads).toEqual([]);
    expect(slack.threads).toEqual([]);
  });
  it('given a linked person paired with someone on one of their platforms → the thread opens there, with each one’s account on it', async () => {
    const slack = new MemoryAdapter(undefined, 'slack');
    app = await createTestApp({ FILIERA_SEED: '0', FILIERA_ADMINS: 'shell:anna', SLACK_EXCHANGE_CHANNEL: '#exchange' }, undefined, [slack]);
    const petra = person(app.adapter, 'shell', 'petra', 'Petra Horvat');
    const petraOnSlack = person(slack, 'slack', 'UPETRA', 'Petra H.');
    const kai = person(slack, 'slack', 'UKAI', 'kai.berg');
    await petraOnSlack.command('network', 'me');
    await link(petra, petraOnSlack);
    await petra.submit('exchange:profile', profile(['financing'], ['training']));
    await kai.submit('exchange:profile', profile(['training'], ['financing']));
    await app.adapter.inject(from('anna').command('exchange', 'round'));
    const proposal = await app.db.exchangeProposal.findFirstOrThrow();
    await petra.action('exchange:accept', proposal.id);
    await kai.action('exchange:accept', proposal.id);
    expect(app.adapter.threads).toEqual([]);
    expect(slack.threads).toHaveLength(1);
    expect(slack.threads[0]?.invited.sort()).toEqual(['UKAI', 'UPETRA']);
  });
});
