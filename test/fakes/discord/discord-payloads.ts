// Gateway payloads as Discord sends them (the shapes discord.js 14.28 accepts): slash commands,
// button clicks, select picks, modal submissions in a server or a DM, and DM messages.
import { CHANNEL_ID, GUILD_ID, type FakeDiscord, type FakeMessage } from './fake-discord.ts';

type Json = Record<string, any>;

export { CHANNEL_ID, GUILD_ID };
export const APPLICATION_ID = '900000000000000002';

export interface Person {
  id: string;
  name: string;
  locale?: string;
}

export const people = {
  anna: { id: '700000000000000001', name: 'anna', locale: 'en-US' },
  marco: { id: '700000000000000002', name: 'marco', locale: 'it' },
  giulia: { id: '700000000000000003', name: 'giulia', locale: 'en-GB' },
} satisfies Record<string, Person>;

function base(fake: FakeDiscord, who: Person, where: { dm?: string } = {}): Json {
  const user = { id: who.id, username: who.name, discriminator: '0', global_name: who.name, avatar: null };
  const common = {
    id: fake.id(),
    application_id: APPLICATION_ID,
    token: `tok-${fake.id()}`,
    version: 1,
    locale: who.locale ?? 'en-US',
    entitlements: [],
    app_permissions: '2248473465835073',
  };
  if (where.dm) {
    // In the bot's DM a server-installed app is authorised by no server: Discord sends "0" there.
    return { ...common, channel_id: where.dm, channel: { id: where.dm, type: 1 }, user, context: 1, authorizing_integration_owners: { 0: '0' } };
  }
  return {
    ...common,
    guild_id: GUILD_ID,
    guild_locale: 'en-US',
    channel_id: CHANNEL_ID,
    channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'general' },
    member: { user, roles: [], permissions: '2248473465835073', joined_at: '2026-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0, nick: null },
    context: 0,
    authorizing_integration_owners: { 0: GUILD_ID },
  };
}

/** `/name sub option:value…`; with sub null the options sit at the top level. */
export function slashCommand(
  fake: FakeDiscord,
  who: Person,
  name: string,
  sub: string | null,
  options: Array<{ name: string; type: number; value: unknown }> = [],
  where: { dm?: string } = {},
): Json {
  const data = { id: fake.id(), name, type: 1, options: sub === null ? options : [{ name: sub, type: 1, options }] };
  return { ...base(fake, who, where), type: 2, data };
}

export function buttonClick(fake: FakeDiscord, who: Person, message: FakeMessage, customId: string, where: { dm?: string } = {}): Json {
  return { ...base(fake, who, where), type: 3, channel_id: message.channel_id, data: { custom_id: customId, component_type: 2 }, message };
}

export function selectPick(fake: FakeDiscord, who: Person, message: FakeMessage, customId: string, values: string[]): Json {
  return { ...base(fake, who), type: 3, data: { custom_id: customId, component_type: 3, values }, message };
}

/** A modal submission in the Label layout the adapter sends. */
export function modalSubmit(fake: FakeDiscord, who: Person, customId: string, values: Record<string, string>, where: { dm?: string } = {}): Json {
  const components = Object.entries(values).map(([id, value]) => ({ type: 18, id: 1, component: { type: 4, id: 2, custom_id: id, value } }));
  return { ...base(fake, who, where), type: 5, data: { custom_id: customId, components } };
}

export function dmMessage(fake: FakeDiscord, who: Person, channelId: string, content: string): Json {
  return {
    id: fake.id(),
    channel_id: channelId,
    channel_type: 1,
    author: { id: who.id, username: who.name, discriminator: '0', global_name: who.name, avatar: null },
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    type: 0,
    flags: 0,
  };
}

/** Every custom_id on a message's buttons and selects, in order. */
export const customIds = (message: FakeMessage): string[] =>
  (message.components ?? []).flatMap((row: Json) => (row.components ?? []).map((c: Json) => c.custom_id).filter(Boolean));

/** What a person reads in a message: content, embed titles, descriptions and fields. */
export const readable = (message: FakeMessage): string =>
  [message.content, ...(message.embeds ?? []).flatMap((e: Json) => [e.title, e.description, ...(e.fields ?? []).map((f: Json) => `${f.name}: ${f.value}`)])]
    .filter(Boolean)
    .join('\n');
