// One person on two platforms: a code asked for on one and typed on the other makes them one member
// (one profile, one role, the higher of the two), messages go to the platform they pick, and
// unlinking gives the second account a member of its own again.
import { afterEach, describe, expect, it } from 'vitest';
import { conversationRef, type InboundEvent } from '../../../src/core/index.ts';
import { from, MemoryAdapter } from '../../fakes/memory-adapter.ts';
import { createTestApp, type TestApp } from '../../fakes/test-app.ts';

let app: TestApp;
afterEach(async () => app?.stop());

/** Petra's account on "Slack", in an in-memory adapter standing for it. */
function onSlack(slack: MemoryAdapter) {
  const user = { platform: 'slack' as const, id: 'UPETRA', displayName: 'Petra H.' };
  const base = { platform: 'slack' as const, user, conversation: conversationRef('slack', 'room', 'general'), isDirect: false };
  return {
    command: (name: string, text = '') => slack.inject({ ...base, kind: 'command', name, text } as InboundEvent),
  };
}

describe('one network across platforms', () => {
  it('given a code from the shell typed on Slack within 10 minutes → one member with both accounts; unlink splits them again', async () => {
    const slack = new MemoryAdapter(undefined, 'slack');
    app = await createTestApp({}, undefined, [slack]);
    const petraOnSlack = onSlack(slack);
    await petraOnSlack.command('network', 'me');
    expect(await app.db.member.count()).toBeGreaterThan(1);
    const before = await app.db.member.count();

    const [asked] = await app.adapter.inject(from('petra').command('network', 'link'));
    const code = /\*([A-Z0-9]{4}-[A-Z0-9]{4})\*/.exec(asked?.text ?? '')?.[1];
    expect(code).toBeDefined();
    const [linked] = await petraOnSlack.command('network', `link ${code}`);
    expect(linked?.text).toContain('one member on shell, slack');
    expect(await app.db.member.count()).toBe(before - 1);
    const [me] = await petraOnSlack.command('network', 'me');
    expect(me?.text).toContain('Petra Horvat');
    expect(me?.text).toContain('Linked accounts: shell, slack');

    const [again] = await petraOnSlack.command('network', `link ${code}`);
    expect(again?.text).toContain('unknown or has expired');

    const [preferred] = await petraOnSlack.command('network', 'set platform:slack');
    expect(preferred?.text).toContain('Saved');
    expect(await app.db.member.findFirst({ where: { displayName: 'Petra H.' } })).toMatchObject({ platform: 'slack', platformId: 'UPETRA' });

    const [unlinked] = await petraOnSlack.command('network', 'unlink');
    expect(unlinked?.text).toContain('slack account is a member of its own again');
    expect(await app.db.member.count()).toBe(before);
    const [shellMe] = await app.adapter.inject(from('petra').command('network', 'me'));
    expect(shellMe?.text).not.toContain('Linked accounts');
  });

  it('given a code typed after 10 minutes → refused, nothing merged', async () => {
    const slack = new MemoryAdapter(undefined, 'slack');
    app = await createTestApp({}, undefined, [slack]);
    const [asked] = await app.adapter.inject(from('petra').command('network', 'link'));
    const code = /\*([A-Z0-9]{4}-[A-Z0-9]{4})\*/.exec(asked?.text ?? '')?.[1];
    app.clock.advance(11 * 60_000);
    const [late] = await onSlack(slack).command('network', `link ${code}`);
    expect(late?.text).toContain('unknown or has expired');
    expect(await app.db.memberIdentity.count({ where: { platformId: 'UPETRA' } })).toBe(1);
    expect((await app.db.memberIdentity.findFirst({ where: { platformId: 'UPETRA' } }))?.memberId).not.toBe(
      (await app.db.memberIdentity.findFirst({ where: { platformId: 'petra' } }))?.memberId,
    );
  });
});
