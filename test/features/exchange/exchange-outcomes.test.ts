// Follow-up and outcomes over months with the clock moved: "did it help?" once per side, one
// reminder to a side that stays silent, outcomes counted per exchange, and the numbers a network
// reports to its funders (per month, quarter or year, per topic) with a CSV export.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conversationRef, type InboundEvent } from '../../../src/core/index.ts';
import { from, type Posted } from '../../fakes/memory-adapter.ts';
import { createTestApp, type TestApp } from '../../fakes/test-app.ts';

const DAY = 86_400_000;
let app: TestApp;
const dm = (id: string) => conversationRef('shell', 'dm', id);
const say = async (event: InboundEvent): Promise<string> => (await app.adapter.inject(event)).map((m) => m.text).join('\n');
const deliver = async (): Promise<Posted[]> => {
  const before = app.adapter.posted.length;
  await app.sender.drain();
  return app.adapter.posted.slice(before);
};
function buttonValue(post: Posted, actionId: string): string | undefined {
  for (const block of post.message.card?.blocks ?? []) {
    if (block.type !== 'actions') continue;
    for (const control of block.controls) if (control.type === 'button' && control.actionId === actionId) return control.value;
  }
  return undefined;
}

async function profile(id: string, p: { canHelp?: string[]; needsHelp?: string[] }): Promise<void> {
  await say(from(id).command('network', 'set language:en'));
  const values = {
    clusterName: `Cluster ${id}`,
    sector: 'Plastics',
    clusterType: 'industrial',
    country: 'IT',
    languages: ['en'],
    canHelp: p.canHelp ?? [],
    needsHelp: p.needsHelp ?? [],
  };
  await app.adapter.inject({ ...from(id, 'dm').message(''), kind: 'form_submit', formId: 'exchange:profile', values });
}

/** A round, both pairs accepted; returns the proposal ids of ines's and otto's exchanges. */
async function acceptedRound(): Promise<string[]> {
  await say(from('anna').command('exchange', 'round'));
  const proposals = (await deliver()).filter((p) => buttonValue(p, 'exchange:accept'));
  for (const p of proposals) await say(from(p.to.split(':').at(-1)!, 'dm').action('exchange:accept', buttonValue(p, 'exchange:accept')));
  await deliver();
  return ['ines', 'otto'].map((who) =>
    buttonValue(
      proposals.find((p) => p.to === dm(who))!,
      'exchange:accept',
    )!,
  );
}

beforeEach(async () => {
  app = await createTestApp({ FILIERA_SEED: '0', FILIERA_EXCHANGE_ROUND_WEEKS: '4', FILIERA_EXCHANGE_REPEAT_WEEKS: '0' });
  await profile('ines', { needsHelp: ['internationalisation'] });
  await profile('carla', { canHelp: ['internationalisation'] });
  await profile('otto', { needsHelp: ['financing'] });
  await profile('dieter', { canHelp: ['financing'] });
});
afterEach(async () => {
  await app.stop();
});

describe('follow-up and outcomes', () => {
  it('given a side that does not answer → reminded once a week later, never again; the side that answered is not reminded', async () => {
    await acceptedRound();
    const job = app.scheduler.jobs().find((j) => j.name === 'exchange-followup')!;
    app.clock.advance(14 * DAY);
    expect(await job.run({ now: app.clock.now(), manual: false })).toMatch(/asked: 2, reminded: 0/);
    const asked = (await deliver()).filter((p) => buttonValue(p, 'exchange:outcome'));
    expect(asked.map((p) => p.message.text).join()).toMatch(/Did it help\?/);
    const inesAsk = asked.find((p) => p.to === dm('ines'))!;
    await say(from('ines', 'dm').action('exchange:outcome', buttonValue(inesAsk, 'exchange:outcome')!.replace(/\|.*/, '|helped')));
    await say(from('ines', 'dm').message('skip'));
    app.clock.advance(3 * DAY);
    expect(await job.run({ now: app.clock.now(), manual: false })).toMatch(/asked: 0, reminded: 0/);
    app.clock.advance(5 * DAY);
    expect(await job.run({ now: app.clock.now(), manual: false })).toMatch(/asked: 0, reminded: 2/);
    const reminders = await deliver();
    expect(reminders.map((p) => p.to).sort()).toEqual([dm('carla'), dm('dieter'), dm('otto')].sort());
    expect(reminders.find((p) => p.to === dm('carla'))?.message.text).toMatch(/One last time/);
    app.clock.advance(30 * DAY);
    expect(await job.run({ now: app.clock.now(), manual: false })).toMatch(/reminded: 0/);
  });

  it('given exchanges over several months → admins get per-exchange numbers by month, quarter and topic, and a CSV with the same numbers', async () => {
    const [a, b] = await acceptedRound();
    app.clock.advance(14 * DAY);
    await app.scheduler.runNow('exchange-followup');
    await deliver();
    // Both sides of one exchange answer: it counts once as met, helped and a joint project.
    const ines = (await say(from('ines', 'dm').action('exchange:outcome', `${a}|project`))) + (await say(from('ines', 'dm').message('skip')));
    await say(from('carla', 'dm').action('exchange:outcome', `${a}|helped`));
    await say(from('carla', 'dm').message('skip'));
    await say(from('otto', 'dm').action('exchange:outcome', `${b}|not_met`));
    await say(from('otto', 'dm').message('skip'));
    expect(ines).toBeDefined();
    app.clock.advance(70 * DAY);
    await say(from('anna').command('exchange', 'round'));
    await deliver();

    const monthly = await say(from('anna').command('exchange', 'stats'));
    expect(monthly).toMatch(/All exchanges: 4 proposed, 2 pending, 2 accepted, 0 declined, 1 met, 1 helped, 1 joint projects/);
    expect(monthly).toMatch(/2027-02: 2 proposed, 2 pending/);
    expect(monthly).toMatch(/2026-11: 2 proposed, 0 pending, 2 accepted, 0 declined, 1 met, 1 helped, 1 joint projects/);
    const quarterly = await say(from('anna').command('exchange', 'stats by:quarter'));
    expect(quarterly).toMatch(/2026-Q4: 2 proposed/);
    expect(quarterly).toMatch(/2027-Q1: 2 proposed/);

    const [reply] = await app.adapter.inject(from('anna').command('exchange', 'stats by:year csv'));
    const file = reply?.attachments?.[0];
    expect(file?.filename).toMatch(/^exchange-stats-year-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = Buffer.from(file!.base64, 'base64');
    // A byte-order mark first, so spreadsheets read the file as UTF-8.
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const csv = bytes.subarray(3).toString('utf8').trim().split('\n');
    expect(csv[0]).toBe('kind,key,proposed,pending,accepted,declined,met,helped,joint,profiles_needing,profiles_offering');
    expect(csv).toContain('total,all,4,2,2,0,1,1,1,,');
    expect(csv).toContain('year,2026,2,0,2,0,1,1,1,,');
    expect(csv).toContain('topic,internationalisation,2,1,1,0,1,1,1,1,1');
  });
});

describe('answers typed instead of pressed', () => {
  it('given proposals and a follow-up in a direct conversation → "accept", "decline <name>" and a typed number do what the buttons do', async () => {
    await say(from('anna').command('exchange', 'round'));
    await deliver();
    expect(await say(from('carla', 'dm').message('yes'))).toMatch(/ines/);
    expect(await say(from('ines', 'dm').message('accept'))).toMatch(/opened|thread/i);
    expect(await say(from('ines', 'dm').message('accept'))).toMatch(/No proposal is waiting/);
    expect(await say(from('otto', 'dm').message('decline dieter'))).toMatch(/dieter/);
    app.clock.advance(14 * DAY);
    await app.scheduler.runNow('exchange-followup');
    await deliver();
    expect(await say(from('ines', 'dm').message('9'))).toMatch(/from 1 to 4/);
    expect(await say(from('ines', 'dm').message('1'))).toMatch(/joint project or proposal/);
    expect(app.adapter.textsTo(dm('ines')).at(-1)).toMatch(/One line on what came of it/);
    await say(from('ines', 'dm').message('We are writing an Interreg proposal'));
    expect(app.adapter.textsTo(dm('ines')).at(-1)).toMatch(/your line is kept/);
    expect(await say(from('anna').command('exchange', 'stats'))).toMatch(/1 joint projects/);
  });
});
