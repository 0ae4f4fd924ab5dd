// The experience exchange's vocabulary: topics drawn from the seed documents (stable codes; labels
// live in locales under exchange.topic.<code>), cluster types, availability, outcomes, and the
// shapes of profiles, proposals, questions and answers the feature works with.
import type { ConversationRef, Translator } from '../../core/index.ts';

/** Topics managers can help with or need help with. Codes are stored: never rename one. */
export const TOPICS = [
  'internationalisation',
  'eu-funding',
  'training',
  'governance',
  'financing',
  'marketing',
  'tech-transfer',
  'ip',
  'quality-marks',
  'supply-chain',
  'lobbying',
  'events',
  'market-analysis',
] as const;
export type Topic = (typeof TOPICS)[number];

export const CLUSTER_TYPES = ['industrial', 'service', 'rnd'] as const;
export type ClusterType = (typeof CLUSTER_TYPES)[number];

/** How often a person wants to be matched; the round skips people matched more recently than this. */
export const FREQUENCIES = ['weekly', 'biweekly', 'monthly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** Languages a profile can list (ISO 639-1); labels under exchange.language.<code>. */
export const PROFILE_LANGUAGES = ['it', 'en', 'de', 'fr', 'es', 'sl', 'hr', 'cs', 'sk', 'pl', 'hu', 'ro'] as const;

/**
 * Each side's answer to "did it help?", asked once at follow-up (and reminded once). Stored codes:
 * never rename one. An exchange counts as met, helped or a joint project when either side says so.
 */
export const OUTCOMES = ['project', 'helped', 'no_help', 'not_met'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const MET: readonly Outcome[] = ['project', 'helped', 'no_help'];
export const HELPED: readonly Outcome[] = ['project', 'helped'];

export interface Profile {
  memberId: string;
  clusterName: string;
  sector: string;
  clusterType: ClusterType;
  country: string;
  region: string;
  firms: number | null;
  languages: string[];
  canHelp: Topic[];
  needsHelp: Topic[];
  tags: string[];
  experience: string;
  frequency: Frequency;
  snoozedUntil: Date | null;
  optedOut: boolean;
  /** Rounds in a row this person could have been paired and was not. */
  waitingRounds: number;
  createdAt: Date;
}

export type ProfileInput = Omit<Profile, 'frequency' | 'snoozedUntil' | 'optedOut' | 'waitingRounds' | 'createdAt'>;
export type AvailabilityPatch = Partial<Pick<Profile, 'frequency' | 'snoozedUntil' | 'optedOut'>>;

export type Side = 'seeker' | 'helper';
export type ProposalStatus = 'proposed' | 'accepted' | 'declined';

export interface Proposal {
  id: string;
  /** "round:<period start>", or "find:<date>" for on-demand ones. */
  round: string;
  topic: Topic;
  seekerId: string;
  helperId: string;
  seekerAnswer: 'accepted' | 'declined' | null;
  helperAnswer: 'accepted' | 'declined' | null;
  status: ProposalStatus;
  thread: ConversationRef | null;
  acceptedAt: Date | null;
  followUpAt: Date | null;
  seekerOutcome: Outcome | null;
  helperOutcome: Outcome | null;
  /** The optional line each side added to their answer. */
  seekerNote: string | null;
  helperNote: string | null;
  remindedAt: Date | null;
  createdAt: Date;
}

export type QuestionStatus = 'draft' | 'open' | 'answered';

export interface Question {
  id: number;
  askerId: string;
  platform: string;
  text: string;
  topics: Topic[];
  languages: string[];
  status: QuestionStatus;
  thread: ConversationRef | null;
  summary: string | null;
  createdAt: Date;
  answeredAt: Date | null;
}

export interface Answer {
  id: number;
  questionId: number;
  authorId: string;
  text: string;
  picked: boolean;
  createdAt: Date;
}

export const isTopic = (value: string): value is Topic => (TOPICS as readonly string[]).includes(value);

/** Case, spaces, hyphens and underscores do not matter: "EU funding", "eu-funding" and "EU_Funding" are one. */
const loose = (s: string): string =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s_\-‐–]+/g, '-');

/** A topic as typed: its code, a prefix of it, or its label in the person's language or English. */
export function resolveTopic(typed: string, labels: Translator[]): Topic | null {
  const needle = loose(typed);
  if (!needle) return null;
  if (isTopic(needle)) return needle;
  const label = (t: Translator, topic: Topic): string => loose(t(`exchange.topic.${topic}`));
  for (const topic of TOPICS) if (labels.some((t) => label(t, topic) === needle)) return topic;
  const starts = TOPICS.filter((topic) => topic.startsWith(needle) || labels.some((t) => label(t, topic).startsWith(needle)));
  return starts.length === 1 ? (starts[0] as Topic) : null;
}

/** The other side of a proposal, or null when the member is not part of it. */
export function sideOf(proposal: Pick<Proposal, 'seekerId' | 'helperId'>, memberId: string): Side | null {
  if (proposal.seekerId === memberId) return 'seeker';
  if (proposal.helperId === memberId) return 'helper';
  return null;
}
