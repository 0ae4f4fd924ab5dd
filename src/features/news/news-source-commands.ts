// /news for running sources: list every source (paged, failing first), add one with what it carries
// and its defaults, and remove, pause, resume or edit it. A new or edited source is polled at once so
// the admin sees at the same moment whether it works.
import { arg, subcommand, UserFacingError, type Subcommand, type Translator } from '../../core/index.ts';
import { readerOf, splitList, type NewsFeature } from './news-service.ts';
import type { PollResult } from './news-ingest.ts';
import { CARRIES, DEFAULT_EVERY, POLLED_KINDS, type Carries, type NewsSource, type SourceDeclaration, type SourceKind } from './news-sources.ts';
import { countryCodes } from './news-subscribe.ts';
import { sourcesPage } from './news-source-views.ts';
import { reasonText } from './news-views.ts';

/** The source a subcommand acts on, by the id /news sources shows. */
const sourceIdArg = () => arg.string({ description: 'news.arg_source_id', example: 'rss-1' }).required();

async function nextSourceId(feature: NewsFeature, kind: SourceKind): Promise<string> {
  const taken = new Set(await feature.repo.takenSourceIds());
  let n = 1;
  while (taken.has(`${kind}-${n}`)) n++;
  return `${kind}-${n}`;
}

/** "30m", "6h", "1d" or a cron expression (quote the whole "every:…" token when it has spaces). */
export function everyToCron(every: string): string {
  const m = every.trim().match(/^(\d+)\s*(m|h|d)$/i);
  if (!m) return every.trim().replace(/_/g, ' ');
  const n = Number(m[1]);
  const unit = m[2]!.toLowerCase();
  if (unit === 'm') return `*/${Math.min(Math.max(n, 5), 59)} * * * *`;
  if (unit === 'h') return n >= 24 ? '0 6 * * *' : `0 */${Math.max(n, 1)} * * *`;
  return '0 6 * * *';
}

/** A polled source by id, or the reason there is none to act on. */
async function polledSource(feature: NewsFeature, id: string): Promise<NewsSource> {
  const source = await feature.repo.getSource(id.trim());
  if (!source) throw new UserFacingError('news.no_source', { id });
  if (!(POLLED_KINDS as readonly string[]).includes(source.kind)) throw new UserFacingError('news.source_not_polled', { id });
  return source;
}

/** "SI, Croazia, it" → ["SI", "HR", "IT"]: codes or names in it/en/de, as subscriptions read them; "-" clears. */
function sourceCountries(value: string | undefined, language: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '-') return [];
  return countryCodes(splitList(value), language);
}

const clearable = (value: string | undefined): string | undefined | null => (value === undefined ? undefined : value.trim() === '-' ? null : value.trim());

function declaration(
  args: { carries?: Carries | undefined; programme?: string | undefined; countries?: string | undefined; topics?: string | undefined },
  language: string,
) {
  const out: SourceDeclaration & { programme?: string | undefined } = {};
  if (args.carries) out.carries = args.carries;
  const programme = clearable(args.programme);
  if (programme !== undefined) out.programme = programme ?? undefined;
  const countries = sourceCountries(args.countries, language);
  if (countries) out.countries = countries;
  if (args.topics !== undefined) out.topics = args.topics.trim() === '-' ? [] : splitList(args.topics);
  return out;
}

/** The first poll's outcome, told to the admin who added or changed the source. */
export function pollOutcome(result: PollResult, t: Translator): string {
  switch (result.status) {
    case 'imported': {
      const { report } = result;
      const lines = [t('news.source_first_import', { imported: report.imported, created: report.created, skipped: report.skipped })];
      if (report.left) lines.push(t('news.source_left', { count: report.left, total: report.total ?? report.imported, cap: report.cap ?? 0 }));
      return lines.join('\n');
    }
    case 'failed':
      return t('news.source_first_failed', { reason: reasonText(result.reason, t) });
    default:
      return t('news.source_unchanged');
  }
}

const DECLARE = {
  carries: arg.choice(CARRIES, { description: 'news.arg_carries' }).named(),
  programme: arg.string({ description: 'news.arg_source_programme', example: 'Horizon Europe' }).named(),
  countries: arg.string({ description: 'news.arg_source_countries', example: 'SI,HR' }).named(),
  topics: arg.string({ description: 'news.arg_source_topics', example: '"circular economy,clusters"' }).named(),
};

export function sourceCommands(feature: NewsFeature): Subcommand[] {
  const { repo } = feature;
  const cron = (every: string) => {
    const expression = everyToCron(every);
    if (!feature.cronSlot(expression, feature.now())) throw new UserFacingError('news.bad_every', { every });
    return expression;
  };
  return [
    subcommand({
      name: 'sources',
      description: 'news.cmd_sources',
      role: 'staff',
      args: { page: arg.integer({ description: 'news.arg_page' }) },
      run: async ({ args, member, t, language }) => {
        const page = Math.max(1, args.page ?? 1);
        return sourcesPage(await repo.listSources(), await repo.itemCountsBySource(), page, readerOf(feature, member, language, t));
      },
    }),
    subcommand({
      name: 'add-source',
      description: 'news.cmd_add_source',
      role: 'admin',
      args: {
        kind: arg.choice(POLLED_KINDS, { description: 'news.arg_source_kind' }).required(),
        url: arg.string({ description: 'news.arg_url' }).required(),
        every: arg.string({ description: 'news.arg_every' }).named(),
        ...DECLARE,
      },
      run: async ({ args, member, t, language }) => {
        const every = args.every ? cron(args.every) : DEFAULT_EVERY[args.kind];
        const now = feature.now();
        const declared = declaration(args, language);
        const { source, created } = await repo.addSource(
          { id: await nextSourceId(feature, args.kind), kind: args.kind, url: args.url, every, createdAt: now, ...declared },
          member.id,
        );
        const head = t(created ? 'news.source_added' : 'news.source_exists', { id: source.id, kind: source.kind, url: source.url, every: source.every });
        const carries = t('news.source_carries_sentence', { carries: t(`news.carries_${source.carries}`) });
        if (source.paused) return { text: `${head} ${carries}\n${t('news.source_is_paused', { id: source.id })}` };
        const result = await feature.ingest.poll(source, `added:${now.toISOString()}`, now);
        return { text: `${head} ${carries}\n${pollOutcome(result, t)}` };
      },
    }),
    subcommand({
      name: 'source-edit',
      description: 'news.cmd_source_edit',
      role: 'admin',
      args: {
        id: sourceIdArg(),
        url: arg.string({ description: 'news.arg_url' }).named(),
        every: arg.string({ description: 'news.arg_every' }).named(),
        ...DECLARE,
      },
      run: async ({ args, t, language }) => {
        const source = await polledSource(feature, args.id);
        const patch: Partial<NewsSource> = { ...declaration(args, language) };
        if (args.every) patch.every = cron(args.every);
        // A new declaration changes what every record becomes: read the whole source again.
        if (Object.keys(patch).length > 0) Object.assign(patch, { etag: undefined, lastModified: undefined });
        if (args.url && args.url !== source.url) {
          if ((await repo.listSources()).some((s) => s.kind === source.kind && s.url === args.url))
            throw new UserFacingError('news.source_url_taken', { url: args.url });
          // Another address: its validators say nothing about the new one.
          Object.assign(patch, { url: args.url, etag: undefined, lastModified: undefined });
        }
        if (Object.keys(patch).length === 0) throw new UserFacingError('news.source_edit_nothing', { id: source.id });
        await repo.updateSource(source.id, patch);
        const edited = (await repo.getSource(source.id))!;
        const head = t('news.source_edited', { id: edited.id, kind: edited.kind, url: edited.url, every: edited.every });
        const carries = t('news.source_carries_sentence', { carries: t(`news.carries_${edited.carries}`) });
        if (edited.paused) return { text: `${head} ${carries}\n${t('news.source_is_paused', { id: edited.id })}` };
        const now = feature.now();
        return { text: `${head} ${carries}\n${pollOutcome(await feature.ingest.poll(edited, `edited:${now.toISOString()}`, now), t)}` };
      },
    }),
    subcommand({
      name: 'source-pause',
      description: 'news.cmd_source_pause',
      role: 'admin',
      args: { id: sourceIdArg() },
      run: async ({ args, t }) => {
        const source = await polledSource(feature, args.id);
        if (source.paused) return { text: t('news.source_already_paused', { id: source.id }) };
        await repo.updateSource(source.id, { paused: true });
        return { text: t('news.source_paused', { id: source.id }) };
      },
    }),
    subcommand({
      name: 'source-resume',
      description: 'news.cmd_source_resume',
      role: 'admin',
      args: { id: sourceIdArg() },
      run: async ({ args, t }) => {
        const source = await polledSource(feature, args.id);
        if (!source.paused) return { text: t('news.source_not_paused', { id: source.id }) };
        await repo.updateSource(source.id, { paused: false });
        const now = feature.now();
        const result = await feature.ingest.poll({ ...source, paused: false }, `resumed:${now.toISOString()}`, now);
        return { text: `${t('news.source_resumed', { id: source.id })}\n${pollOutcome(result, t)}` };
      },
    }),
    subcommand({
      name: 'source-remove',
      description: 'news.cmd_source_remove',
      role: 'admin',
      args: { id: sourceIdArg() },
      run: async ({ args, t }) => {
        const source = await polledSource(feature, args.id);
        await repo.removeSource(source.id);
        return { text: t('news.source_removed', { id: source.id, url: source.url }) };
      },
    }),
  ];
}
