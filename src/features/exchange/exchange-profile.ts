// Exchange profiles from forms: the groups of fields a person can change on their own
// (`/exchange profile field:topics`), and reading a submitted form into a profile. What a form leaves
// out keeps what is stored (skip never erases); "-" clears an optional field on purpose.
import { z } from 'zod';
import { err, ok, type FormValues, type Result } from '../../core/index.ts';
import { CLUSTER_TYPES, PROFILE_LANGUAGES, TOPICS, type Profile, type ProfileInput } from './exchange.ts';
import { countryCode } from './exchange-countries.ts';

/** Fields a person can change without answering all eleven questions. */
export const PROFILE_GROUPS = {
  cluster: ['clusterName'],
  sector: ['sector', 'clusterType'],
  country: ['country', 'region'],
  firms: ['firms'],
  languages: ['languages'],
  topics: ['canHelp', 'needsHelp'],
  offers: ['canHelp'],
  needs: ['needsHelp'],
  tags: ['tags'],
  experience: ['experience'],
} as const satisfies Record<string, readonly string[]>;
export type ProfileGroup = keyof typeof PROFILE_GROUPS;
export const PROFILE_GROUP_NAMES = [
  'cluster',
  'sector',
  'country',
  'firms',
  'languages',
  'topics',
  'offers',
  'needs',
  'tags',
  'experience',
] as const satisfies readonly ProfileGroup[];

/** Typed in a text field, clears what is stored. */
export const CLEAR_WORD = '-';

const text = (max: number) => z.string().trim().max(max);
const list = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));
const ProfileValues = z.object({
  clusterName: text(120).min(1),
  sector: text(80).min(1),
  clusterType: z.enum(CLUSTER_TYPES),
  country: text(60).min(1),
  region: text(60).optional(),
  firms: z.coerce.number().int().min(0).max(100000).optional(),
  languages: list.pipe(z.array(z.enum(PROFILE_LANGUAGES)).min(1)),
  canHelp: list.pipe(z.array(z.enum(TOPICS))).optional(),
  needsHelp: list.pipe(z.array(z.enum(TOPICS))).optional(),
  tags: text(200).optional(),
  experience: text(500).optional(),
});

export interface ProfileProblem {
  field: string;
  /** i18n key of what to tell the person. */
  key: string;
}

/**
 * Reads a submitted profile form over what is stored: fields left out keep their value, "-" clears
 * an optional one, the country may be a code or a name in the person's languages.
 */
export function profileFromForm(memberId: string, values: FormValues, stored: FormValues, languages: readonly string[]): Result<ProfileInput, ProfileProblem> {
  const merged: FormValues = { ...stored, ...values };
  for (const [key, value] of Object.entries(merged)) if (typeof value === 'string' && value.trim() === CLEAR_WORD) delete merged[key];
  const parsed = ProfileValues.safeParse(merged);
  if (!parsed.success) return err({ field: String(parsed.error.issues[0]?.path[0] ?? 'clusterName'), key: 'form.error.required' });
  const v = parsed.data;
  const country = countryCode(v.country, languages);
  if (!country) return err({ field: 'country', key: 'exchange.bad_country' });
  const tags = [
    ...new Set(
      (v.tags ?? '')
        .split(/[,;#]/)
        .map((s) => s.trim().toLowerCase().slice(0, 30))
        .filter(Boolean),
    ),
  ].slice(0, 10);
  return ok({
    memberId,
    clusterName: v.clusterName,
    sector: v.sector,
    clusterType: v.clusterType,
    country,
    region: v.region ?? '',
    firms: v.firms ?? null,
    languages: [...new Set(v.languages)],
    canHelp: [...new Set(v.canHelp ?? [])],
    needsHelp: [...new Set(v.needsHelp ?? [])],
    tags,
    experience: v.experience ?? '',
  });
}

export type { Profile };
