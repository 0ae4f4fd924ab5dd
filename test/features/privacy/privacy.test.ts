// Privacy as members and an admin see it: the notice once at first contact and on /privacy, a JSON
// export of what is kept, and an erasure that asks first, refuses other people's data to members,
// and leaves no trace of the person in the database file.
import { testProvider } from '../../fakes/test-database.ts';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { conversationRef } from '../../../src/core/index.ts';
import { from } from '../../fakes/memory-adapter.ts';
import { createTestApp, type TestApp } from '../../fakes/test-app.ts';

let app: TestApp;
afterEach(async () => app?.stop());

const dm = (id: string) => conversationRef('shell', 'dm', id);
const confirmButton = (
  message: { card?: { blocks: Array<{ type: string; controls?: Array<{ type: string; value?: string; actionId?: string }> }> } } | undefined,
) => message?.card?.blocks.flatMap((b) => b.controls ?? []).find((c) => c.actionId === 'privacy:erase');

describe('privacy', () => {
  it('given a first contact → the notice arrives by DM in the person’s language, once', async () => {
    app = await createTestApp();
    await app.adapter.inject({ ...from('newcomer').command('network', 'me'), locale: 'it' });
    await app.adapter.inject({ ...from('newcomer').command('network', 'me'), locale: 'it' });
    const notices = app.adapter.textsTo(dm('newcomer')).filter((t) => t.includes('Cosa conserva filiera su di te'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('/privacy export');
    const [shown] = await app.adapter.inject({ ...from('newcomer').command('privacy'), locale: 'de' });
    expect(shown?.text).toContain('Was filiera über dich speichert');
    expect(shown?.text).toContain('nach 90 Tagen');
  });

  it('given /privacy export → one JSON file with the member, their accounts and every section, privately', async () => {
    app = await createTestApp();
    await app.adapter.inject(from('giulia', 'dm').command('network', 'profile'));
    const [reply] = await app.adapter.inject(from('giulia').command('privacy', 'export'));
    const file = reply?.attachments?.[0];
    expect(file?.mediaType).toBe('application/json');
    const data = JSON.parse(Buffer.from(file!.base64, 'base64').toString('utf8'));
    expect(data.member).toMatchObject({ displayName: 'Giulia Ferri', language: 'it' });
    expect(data.identities).toEqual([{ platform: 'shell', platformId: 'giulia', displayName: 'Giulia Ferri' }]);
    expect(data.sections.core.questionnaires_in_progress).toHaveLength(1);
    expect(reply?.text).toMatch(/questionari e messaggi: \d+ vo(ce|ci)/);
  });

  it('given /privacy delete → a confirmation first; pressing it erases the member and nothing names them in the file', async () => {
    app = await createTestApp();
    await app.adapter.inject(from('petra', 'dm').command('network', 'profile'));
    await app.adapter.inject(from('petra', 'dm').message('2'));
    const [asked] = await app.adapter.inject(from('petra').command('privacy', 'delete'));
    expect(asked?.text).toContain('cannot be undone');
    expect(await app.db.member.count({ where: { platformId: 'petra' } })).toBe(1);
    const press = confirmButton(asked);
    const [done] = await app.adapter.inject(from('petra').action('privacy:erase', press?.value));
    expect(done?.text).toContain('everything filiera kept about you is erased');
    expect(await app.db.member.count({ where: { platformId: 'petra' } })).toBe(0);
    expect(await app.db.conversationSession.count({ where: { userId: 'petra' } })).toBe(0);
    expect(await app.db.outboxMessage.count({ where: { payload: { contains: 'Petra' } } })).toBe(0);
    // The raw file is SQLite's; a PostgreSQL server's files are the operator's (see the README).
    if (testProvider === 'sqlite') {
      const bytes = readFileSync(app.config.DATABASE_URL).toString('latin1');
      expect(bytes).not.toContain('Petra Horvat');
      expect(bytes).not.toContain('shell:dm:petra');
    }
  });

  it('given a member naming someone else, or an old confirmation → refused; an admin may erase a member with confirm', async () => {
    app = await createTestApp();
    const [refused] = await app.adapter.inject(from('giulia').command('privacy', 'delete @paolo confirm'));
    expect(refused?.text).toContain('solo i tuoi dati');
    const [asked] = await app.adapter.inject(from('giulia').command('privacy', 'delete'));
    app.clock.advance(11 * 60_000);
    const [expired] = await app.adapter.inject(from('giulia').action('privacy:erase', confirmButton(asked)?.value));
    expect(expired?.text).toContain('scaduta');
    expect(await app.db.member.count({ where: { platformId: 'giulia' } })).toBe(1);
    const [erased] = await app.adapter.inject(from('anna').command('privacy', 'delete @paolo confirm'));
    expect(erased?.text).toContain('Paolo Conti is erased');
    expect(await app.db.member.count({ where: { platformId: 'paolo' } })).toBe(0);
  });

  it('given sent messages older than the retention period → their texts are emptied, recent ones kept', async () => {
    app = await createTestApp();
    await app.outbox.enqueue([
      { dedupeKey: 'old', kind: 'test', target: { kind: 'user', user: { platform: 'shell', id: 'giulia' } }, message: { text: 'old news for Giulia' } },
    ]);
    await app.sender.drain();
    app.clock.advance(91 * 86_400_000);
    await app.outbox.enqueue([
      { dedupeKey: 'new', kind: 'test', target: { kind: 'user', user: { platform: 'shell', id: 'giulia' } }, message: { text: 'fresh news' } },
    ]);
    await app.sender.drain();
    await app.scheduler.runNow('privacy-retention');
    const rows = await app.db.outboxMessage.findMany({ where: { dedupeKey: { in: ['old', 'new'] } }, orderBy: { dedupeKey: 'asc' } });
    expect(rows.map((r) => [r.dedupeKey, r.payload.includes('news')])).toEqual([
      ['new', true],
      ['old', false],
    ]);
  });
});
