// What a feature gets and gives back. Every feature registers with the same signature,
// `register<Name>(ctx: FeatureContext, deps): Feature`, and reaches the rest of the bot only through
// these narrow handles: never the Bot itself, never an adapter.
import type { Clock } from './clock.ts';
import type { CommandSpec, Subcommand } from './commands.ts';
import type { Conversations } from './conversations.ts';
import type { Suggestion } from './events.ts';
import type { Translator } from './i18n.ts';
import type { Logger } from './logger.ts';
import type { Member, MemberDirectory } from './members.ts';
import type { Outbox } from './outbox.ts';
import type { PersonalDataProvider } from './personal-data.ts';
import type { FieldCheck } from './questionnaire.ts';
import type { Questionnaires } from './questionnaires.ts';
import type { JobDefinition } from './scheduler.ts';
import type { ActionHandler, FormHandler, HomeSection, MessageHandler } from './routes.ts';
import type { OutboundMessage } from './ui.ts';

/** Values a platform can suggest while an argument is typed (survey ids, topics…). */
export type SuggestionProvider = (request: { member: Member; language: string; t: Translator; query: string }) => Promise<Suggestion[]>;

export type FirstContact = (ctx: { member: Member; language: string; t: Translator }) => Promise<OutboundMessage | null>;

/** The languages the network speaks, and which one each person reads. */
export interface Languages {
  readonly list: readonly string[];
  translator(language: string): Translator;
  /** The person's language: what their platform says, else their profile, else the network's. */
  languageOf(member: Member, locale?: string): string;
}

export interface FeatureContext {
  commands: { add(spec: CommandSpec): void; extend(name: string, subcommands: Subcommand[]): void };
  onAction(actionId: string, handler: ActionHandler): void;
  /** `checkField` runs as each answer is given in a questionnaire, and over every field of a modal. */
  onForm(formId: string, handler: FormHandler, options?: { checkField?: FieldCheck }): void;
  onMessage(handler: MessageHandler): void;
  onHome(section: HomeSection): void;
  onSuggest(kind: string, provider: SuggestionProvider): void;
  /** Runs once per person, at their first contact with the bot; a returned message goes to them by DM. */
  onFirstContact(greeting: FirstContact): void;
  /** What the feature stores about people: exported, erased and merged through the provider. */
  personalData: { register(provider: PersonalDataProvider): void; all(): readonly PersonalDataProvider[] };
  conversations: Conversations;
  questionnaires: Questionnaires;
  languages: Languages;
  outbox: Outbox;
  members: MemberDirectory;
  clock: Clock;
  logger: Logger;
}

/** What a registered feature hands back to the composition root. */
export interface Feature {
  name: string;
  jobs: JobDefinition[];
  /** Sample data for a first start; must be a no-op when the data is already there. */
  seed?(): Promise<void>;
  /** Work worth doing once the app runs, before people need it (reading caches); runs in the background, a failure is logged. */
  warm?(): Promise<void>;
}
