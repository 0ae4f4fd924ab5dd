// Discord application commands generated from the core's command registry, and the way back: a
// chat-input interaction's options rebuilt as the registry's own text grammar (positionals in order,
// `name:value`, bare flags), so the core parses a Discord command exactly like a typed one.
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  type LocalizationMap,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { ArgSpec, CommandRegistry, CommandSpec, Subcommand, Translator } from '../../src/core/index.ts';
import { clip, DISCORD_LIMITS as L } from './discord-limits.ts';

export type CommandJson = RESTPostAPIChatInputApplicationCommandsJSONBody;

/** Where a subcommand named '' goes when its command also has named subcommands (Discord cannot mix both). */
export const BARE_SUBCOMMAND = 'run';
/** Who may see an all-admin command by default; filiera's own roles are checked again at run time. */
export const ADMIN_PERMISSIONS = String(PermissionFlagsBits.ManageGuild);

/** Discord locale codes for each language filiera speaks. */
const DISCORD_LOCALES: Record<string, string[]> = { en: ['en-US', 'en-GB'], it: ['it'], de: ['de'] };

export interface ManifestTexts {
  /** The network's default language: Discord's unlocalised descriptions. */
  t: Translator;
  /** Every language, for description_localizations. */
  languages: Array<{ language: string; t: Translator }>;
}

/** Lowercase, at most 32 characters, only letters, digits, - and _. */
export const discordName = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^-_\p{L}\p{N}]/gu, '_')
    .slice(0, L.commandNameMax);

/** The description, clipped so that a format hint ("(YYYY-MM-DD)") always survives whole at its end. */
const describe = (key: string, t: Translator, hint = ''): string => clip(t(key) || key, L.commandDescriptionMax - hint.length) + hint;

function localized(key: string, texts: ManifestTexts, hint = ''): LocalizationMap | undefined {
  const map: Record<string, string> = {};
  for (const { language, t } of texts.languages) for (const locale of DISCORD_LOCALES[language] ?? []) map[locale] = describe(key, t, hint);
  return Object.keys(map).length ? (map as LocalizationMap) : undefined;
}

/** The Discord name of a core subcommand within its command. */
export function subcommandName(spec: CommandSpec, sub: Pick<Subcommand, 'name'>): string | null {
  if (sub.name) return discordName(sub.name);
  if (spec.subcommands.length === 1) return null;
  return spec.subcommands.some((s) => discordName(s.name) === BARE_SUBCOMMAND) ? 'default' : BARE_SUBCOMMAND;
}

function option(arg: ArgSpec, texts: ManifestTexts): APIApplicationCommandBasicOption {
  const hint = arg.kind === 'date' ? ' (YYYY-MM-DD)' : arg.kind === 'time' ? ' (HH:MM)' : '';
  const descriptions = localized(arg.description, texts, hint);
  const base = {
    name: discordName(arg.name),
    description: describe(arg.description, texts.t, hint),
    ...(descriptions ? { description_localizations: descriptions } : {}),
    required: Boolean(arg.required) && arg.kind !== 'flag',
  };
  if (arg.kind === 'flag') return { ...base, type: ApplicationCommandOptionType.Boolean };
  if (arg.kind === 'integer' && !arg.choices) return { ...base, type: ApplicationCommandOptionType.Integer, min_value: 0 };
  const choices = arg.choices && arg.choices.length <= L.commandChoicesMax ? arg.choices : undefined;
  return {
    ...base,
    type: ApplicationCommandOptionType.String,
    ...(choices
      ? { choices: choices.map((c) => ({ name: clip(c, L.commandChoiceNameMax), value: c.slice(0, L.commandChoiceValueMax) })) }
      : arg.suggest || arg.choices
        ? { autocomplete: true }
        : {}),
    ...(arg.kind === 'text' ? { max_length: L.commandStringOptionMax } : {}),
  } as APIApplicationCommandBasicOption;
}

/** Discord wants required options first; the text rebuild follows the ArgSpec order, not this one. */
function options(args: ArgSpec[], texts: ManifestTexts): APIApplicationCommandBasicOption[] {
  const all = args.map((a) => option(a, texts));
  return [...all.filter((o) => o.required), ...all.filter((o) => !o.required)].slice(0, L.commandOptionsMax);
}

export function commandJson(spec: CommandSpec, texts: ManifestTexts): CommandJson {
  const allAdmin = spec.subcommands.length > 0 && spec.subcommands.every((s) => s.role === 'admin');
  const only = spec.subcommands.length === 1 && spec.subcommands[0]?.name === '' ? spec.subcommands[0] : undefined;
  const body: CommandJson = {
    type: ApplicationCommandType.ChatInput,
    name: discordName(spec.name),
    description: describe(spec.description, texts.t),
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    default_member_permissions: allAdmin ? ADMIN_PERMISSIONS : null,
    options: only
      ? options(only.args, texts)
      : spec.subcommands.slice(0, L.commandOptionsMax).map((sub): APIApplicationCommandSubcommandOption => ({
          type: ApplicationCommandOptionType.Subcommand,
          name: subcommandName(spec, sub) ?? BARE_SUBCOMMAND,
          description: describe(sub.description, texts.t),
          ...(localized(sub.description, texts) ? { description_localizations: localized(sub.description, texts) } : {}),
          options: options(sub.args, texts),
        })),
  };
  const descriptions = localized(spec.description, texts);
  return descriptions ? { ...body, description_localizations: descriptions } : body;
}

/** Every registry command as a Discord CHAT_INPUT command (Discord allows 100). */
export function commandManifest(registry: CommandRegistry, texts: ManifestTexts): CommandJson[] {
  return registry
    .all()
    .slice(0, L.commandsMax)
    .map((spec) => commandJson(spec, texts));
}

export interface ReceivedOption {
  name: string;
  value: string | number | boolean;
}

/** A value as one token of the registry grammar: quoted when it holds spaces. */
function token(value: string): string {
  if (value !== '' && !/\s/.test(value) && !/^["']/.test(value)) return value;
  if (!value.includes('"')) return `"${value}"`;
  if (!value.includes("'")) return `'${value}'`;
  return `"${value.replace(/"/g, '')}"`;
}

/** The core subcommand a Discord subcommand name stands for. */
export function coreSubcommand(spec: CommandSpec, discordSub: string | null): Subcommand | undefined {
  return (
    spec.subcommands.find((s) => subcommandName(spec, s) === discordSub) ?? (discordSub === null ? spec.subcommands.find((s) => s.name === '') : undefined)
  );
}

/** Rebuilds the text after "/command" the way a person would have typed it. */
export function commandText(spec: CommandSpec, discordSub: string | null, received: ReceivedOption[]): string {
  const sub = coreSubcommand(spec, discordSub);
  if (!sub) return discordSub ?? '';
  const value = (arg: ArgSpec) => received.find((o) => o.name === discordName(arg.name))?.value;
  const positional: string[] = [];
  const rest: string[] = [];
  for (const arg of sub.args) {
    const v = value(arg);
    if (v === undefined || v === '' || v === false) continue;
    if (arg.kind === 'flag') rest.push(arg.name);
    else if (arg.named) rest.push(token(`${arg.name}:${String(v)}`));
    else positional.push(arg.kind === 'text' ? String(v).trim() : token(String(v)));
  }
  return [sub.name, ...positional, ...rest].filter(Boolean).join(' ');
}
