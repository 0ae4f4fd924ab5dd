// /survey: list, show, answer and benchmark for everyone; import, open, remind, close, results and
// export for admins. Also the Answer button, the answer form's submission and the reminder job.
import {
  arg,
  hasRole,
  inChannel,
  subcommand,
  UserFacingError,
  type FeatureContext,
  type CommandContext,
  type CommandSpec,
  type HandlerContext,
  type JobDefinition,
  type Member,
  type MemberDirectory,
  type OutboundMessage,
  type Responder,
  type Translator,
  type UserRef,
} from '../../core/index.ts';
import { BenchmarkShapes } from './survey-benchmark-views.ts';
import { ANSWER_FORM_ID } from './survey-form.ts';
import { importSurveys, type ImportDeps } from './survey-import.ts';
import type { SurveyRepository } from './survey-repository.ts';
import { benchmarkReport, exportReport, resultsReport, type ReportDeps } from './survey-reports.ts';
import type { SurveyService } from './survey-service.ts';
import { resolveTargets } from './survey-targets.ts';
import { ANSWER_ACTION, homeBlocks, importMessage, listMessage, showMessage, titleOf } from './survey-views.ts';
import type { Wave } from './survey.ts';

export interface SurveyCommandDeps {
  repo: SurveyRepository;
  service: SurveyService;
  members: MemberDirectory;
  imports: ImportDeps;
  reports: ReportDeps;
  timeZone: string;
  now(): Date;
}

const typedId = arg.string({ description: 'surveys.arg_id', suggest: 'survey', example: 'demo' }).required();
const typedWave = arg.string({ description: 'surveys.arg_wave', example: '2026' }).named();

const SUBMIT_REFUSED = {
  closed: 'surveys.submit_closed',
  already: 'surveys.already_anonymous',
  not_invited: 'surveys.not_invited',
  no_unit: 'surveys.no_unit',
} as const;

/** A report with one more line saying where it went. */
const withNote = (message: OutboundMessage, note: string): OutboundMessage => ({ ...message, text: `${message.text}\n\n${note}` });

export function registerSurveys(feature: FeatureContext, input: SurveyCommandDeps): JobDefinition[] {
  // Benchmark sentences are translated once per language and kept for the feature's life.
  const deps = { ...input, reports: { ...input.reports, shapes: input.reports.shapes ?? new BenchmarkShapes() } };
  const { repo, service } = deps;

  async function waveOf(surveyId: string, wave?: string): Promise<Wave> {
    const found = await repo.wave(surveyId, wave);
    if (!found) throw new UserFacingError(wave ? 'surveys.no_wave' : 'surveys.no_survey', { id: surveyId, wave: wave ?? '' });
    return found;
  }

  /** Opens the answer form, or resumes a questionnaire already under way for this wave. */
  async function startAnswer(
    surveyId: string,
    ctx: { member: Member; language: string; t: Translator; responder: Responder; user: UserRef; isDirect: boolean },
  ): Promise<OutboundMessage | undefined> {
    const { member, t } = ctx;
    const wave = await waveOf(surveyId);
    if (wave.status !== 'open') throw new UserFacingError(wave.status === 'closed' ? 'surveys.closed' : 'surveys.not_open', { id: surveyId });
    if (!service.mayAnswer(wave, member)) throw new UserFacingError('surveys.not_invited', { id: surveyId });
    const unit = service.unitOf(wave, member);
    if (!unit) throw new UserFacingError('surveys.no_unit', { id: surveyId });
    if (wave.anonymous && (await repo.finishedUnits(wave.id)).has(unit)) throw new UserFacingError('surveys.already_anonymous');
    const { form, previous } = await service.formFor(wave, member, ctx.language, t);
    // A questionnaire already under way for this wave resumes where it was.
    const how = await feature.questionnaires.ask(ctx.user, form, t, { responder: ctx.responder, ...(previous ? { current: previous.answers } : {}) });
    return how === 'questionnaire' && !ctx.isDirect ? { text: t('core.sent_by_dm') } : undefined;
  }

  /** Closing a wave ends the questionnaires under way for it, telling each person why, instead of letting them answer on for nothing. */
  const stopQuestionnaires = (wave: Wave) =>
    feature.questionnaires.stopAll(ANSWER_FORM_ID, wave.id, (t) => ({ text: t('surveys.stopped_closed', { id: wave.surveyId }) }));

  const answerFrom = (c: CommandContext | HandlerContext, surveyId: string) =>
    startAnswer(surveyId, { member: c.member, language: c.language, t: c.t, responder: c.responder, user: c.event.user, isDirect: c.event.isDirect });

  const spec: CommandSpec = {
    name: 'survey',
    description: 'surveys.description',
    subcommands: [
      {
        name: 'list',
        description: 'surveys.cmd_list',
        role: 'member',
        args: [],
        run: async ({ member, language, t }) => {
          const rows = await Promise.all(
            (await repo.surveys()).map(async (survey) => {
              const wave = await repo.wave(survey.id);
              let mine = '';
              const unit = wave ? service.unitOf(wave, member) : null;
              if (wave?.status === 'open' && unit && service.mayAnswer(wave, member)) {
                const done = (await repo.finishedUnits(wave.id)).has(unit);
                const draft = !done && !wave.anonymous && (await repo.response(wave.id, unit))?.status === 'draft';
                mine = t(done ? 'surveys.mine_done' : draft ? 'surveys.mine_draft' : 'surveys.mine_todo');
              }
              return { survey, wave, mine };
            }),
          );
          return listMessage(rows, language, t);
        },
      },
      subcommand({
        name: 'show',
        description: 'surveys.cmd_show',
        role: 'member',
        args: { id: typedId },
        run: async ({ args, language, t }) => {
          const survey = await repo.survey(args.id);
          if (!survey) throw new UserFacingError('surveys.no_survey', { id: args.id });
          return showMessage(survey, await waveOf(survey.id), language, t, deps.timeZone, service.minSlice);
        },
      }),
      subcommand({
        name: 'answer',
        description: 'surveys.cmd_answer',
        role: 'member',
        args: { id: typedId },
        run: async (c) => answerFrom(c, c.args.id),
      }),
      subcommand({
        name: 'benchmark',
        description: 'surveys.cmd_benchmark',
        role: 'member',
        args: { id: typedId, wave: typedWave },
        run: async ({ args, member, language, t }) => {
          const wave = await waveOf(args.id, args.wave);
          if (wave.anonymous) throw new UserFacingError('surveys.benchmark_anonymous');
          const unit = service.unitOf(wave, member);
          const mine = unit ? await repo.response(wave.id, unit) : null;
          if (!mine) throw new UserFacingError('surveys.benchmark_no_answers', { id: wave.surveyId });
          return benchmarkReport(deps.reports, wave, await service.statsFor(wave), mine.answers, language, t) ?? { text: t('surveys.bench_nothing') };
        },
      }),
      subcommand({
        name: 'import',
        description: 'surveys.cmd_import',
        role: 'admin',
        args: { source: arg.string({ description: 'surveys.arg_source', example: 'https://example.org/survey.lss' }) },
        run: async ({ args, t }) => importMessage(await importSurveys(deps.imports, args.source), t),
      }),
      subcommand({
        name: 'open',
        description: 'surveys.cmd_open',
        role: 'admin',
        args: {
          id: typedId,
          to: arg.string({ description: 'surveys.arg_to', example: '@giulia,#general' }).named(),
          closes: arg.date({ description: 'surveys.arg_closes' }).named(),
          anonymous: arg.flag({ description: 'surveys.arg_anonymous' }),
        },
        run: async ({ args, member, event, t }) => {
          const targets = args.to
            ? await resolveTargets(args.to, {
                platform: event.platform,
                members: deps.members,
                resolveChannel: (m) => feature.conversations.resolveChannel(event.platform, m),
                connected: feature.conversations.platforms(),
              })
            : { people: [], channels: event.isDirect ? [] : [event.conversation] };
          const opened = await service.open(args.id, {
            ...targets,
            anonymous: args.anonymous === true,
            opener: member,
            ...(args.closes ? { closes: args.closes } : {}),
          });
          if (!opened.ok) throw new UserFacingError(`surveys.open_${opened.error}`, { id: args.id });
          const { wave, invited, posted } = opened.value;
          const perCluster = wave.definition.responseUnit === 'organisation' && wave.channels.length > 0;
          return {
            text: [
              t('surveys.opened', { id: wave.surveyId, wave: wave.wave, invited, posted }),
              wave.anonymous ? t('surveys.opened_anonymous') : '',
              wave.channels.length ? t('surveys.opened_to_all') : '',
              perCluster ? t('surveys.opened_name_respondents', { id: wave.surveyId }) : '',
            ]
              .filter(Boolean)
              .join(' '),
          };
        },
      }),
      subcommand({
        name: 'remind',
        description: 'surveys.cmd_remind',
        role: 'admin',
        args: { id: typedId },
        run: async ({ args, t }) => {
          const wave = await waveOf(args.id);
          if (wave.status !== 'open') throw new UserFacingError(wave.status === 'closed' ? 'surveys.remind_closed' : 'surveys.not_open', { id: wave.surveyId });
          const count = await service.remind(wave, `manual-${deps.now().toISOString().slice(0, 10)}`);
          return { text: t('surveys.reminded', { count }) };
        },
      }),
      subcommand({
        name: 'close',
        description: 'surveys.cmd_close',
        role: 'admin',
        args: { id: typedId },
        run: async ({ args, t }) => {
          const closed = await service.close(args.id);
          if (!closed.ok) throw new UserFacingError(`surveys.close_${closed.error}`, { id: args.id });
          const stopped = await stopQuestionnaires(closed.value);
          return {
            text: [
              t('surveys.closed_done', { id: closed.value.surveyId, wave: closed.value.wave }),
              stopped ? t('surveys.closed_stopped', { count: stopped }) : '',
            ]
              .filter(Boolean)
              .join(' '),
          };
        },
      }),
      subcommand({
        name: 'respondent',
        description: 'surveys.cmd_respondent',
        role: 'admin',
        args: {
          id: typedId,
          person: arg.string({ description: 'surveys.arg_person', example: '@giulia' }).required(),
          cluster: arg.text({ description: 'surveys.arg_cluster', example: 'Slovenian Plastics Cluster' }).named(),
        },
        run: async ({ args, event, t }) => {
          const person = await deps.members.find(event.platform, args.person.replace(/^<@!?|>$/g, ''));
          if (!person) throw new UserFacingError('surveys.bad_person', { name: args.person });
          const set = await service.setRespondent(args.id, person, args.cluster?.replace(/^"|"$/g, ''));
          if (!set.ok) throw new UserFacingError(`surveys.respondent_${set.error}`, { id: args.id, name: person.displayName });
          return { text: t('surveys.respondent_set', { name: person.displayName, cluster: set.value.unit.slice('org:'.length), id: args.id }) };
        },
      }),
      subcommand({
        name: 'results',
        description: 'surveys.cmd_results',
        role: 'admin',
        args: {
          id: typedId,
          wave: typedWave,
          compare: arg.string({ description: 'surveys.arg_compare', example: '2025' }).named(),
          post: arg.flag({ description: 'surveys.arg_post' }),
        },
        run: async ({ args, language, t, event }) => {
          const wave = await waveOf(args.id, args.wave);
          const before = args.compare ? await waveOf(wave.surveyId, args.compare) : undefined;
          const report = await resultsReport(deps.reports, wave, language, t, before);
          // Results go to the admin alone unless they ask to post them where they typed the command.
          if (args.post && !event.isDirect) return inChannel(report);
          return withNote(report, t(event.isDirect ? 'surveys.results_here' : 'surveys.results_private'));
        },
      }),
      subcommand({
        name: 'export',
        description: 'surveys.cmd_export',
        role: 'admin',
        args: {
          id: typedId,
          wave: typedWave,
          language: arg.choice(['it', 'en', 'de'] as const, { description: 'surveys.arg_language', example: 'en' }).named(),
        },
        // Always a private reply: the core sends it by direct message where a platform has no private files.
        run: async ({ args, language, t, member }) => {
          const wave = await waveOf(args.id, args.wave);
          const report = await exportReport(deps.reports, wave, args.language ?? language, t, hasRole(member, 'admin'));
          return withNote(report, t('surveys.export_private'));
        },
      }),
    ],
  };
  feature.commands.add(spec);

  feature.onAction(ANSWER_ACTION, async (c) => {
    if (!c.event.value) throw new UserFacingError('core.stale_button');
    return answerFrom(c, c.event.value);
  });

  feature.onForm(ANSWER_FORM_ID, async ({ event, member, language, t }) => {
    if (!event.context) throw new UserFacingError('core.stale_button');
    const outcome = await service.submit(member, event.context, event.values, language, t);
    if (outcome.kind === 'invalid') return { ok: false, fieldErrors: outcome.errors };
    if (outcome.kind !== 'saved') throw new UserFacingError(SUBMIT_REFUSED[outcome.kind], { id: '' });
    const { wave } = outcome;
    if (outcome.status === 'draft') return { text: t('surveys.draft_saved', { id: wave.surveyId }) };
    const thanks = deps.reports.shapes.fill(t, language, wave.anonymous ? 'surveys.thanks_anonymous' : 'surveys.thanks', ['id'], [wave.surveyId]);
    const bench = benchmarkReport(deps.reports, wave, outcome.stats, outcome.answers, language, t);
    if (!bench) return { text: thanks };
    return {
      text: `${thanks}\n\n${bench.text}`,
      ...(bench.card ? { card: { ...bench.card, blocks: [{ type: 'text', markdown: thanks }, ...bench.card.blocks] } } : {}),
    };
  });

  feature.onHome(async ({ member, language, t }) => {
    const waiting: Wave[] = [];
    for (const wave of await repo.openWaves()) {
      const unit = service.unitOf(wave, member);
      if (!service.mayAnswer(wave, member) || !unit) continue;
      if (!(await repo.finishedUnits(wave.id)).has(unit)) waiting.push(wave);
    }
    return homeBlocks(waiting, language, t);
  });

  // Discord autocomplete and the like: survey ids whose id or title holds what is typed.
  feature.onSuggest('survey', async ({ language, query }) => {
    const typed = query.trim().toLowerCase();
    return (await repo.surveys())
      .map((survey) => ({ label: `${survey.id} · ${titleOf(survey, language)}`, value: survey.id }))
      .filter((s) => !typed || s.label.toLowerCase().includes(typed))
      .slice(0, 25);
  });

  return [
    {
      name: 'survey-reminders',
      description: 'Closes surveys past their date and reminds people who have not finished',
      cron: '0 * * * *',
      run: async ({ now }) => {
        const { closed, reminded } = await service.reminderPass(now);
        for (const wave of closed) await stopQuestionnaires(wave);
        return `survey reminders: ${reminded} queued, ${closed.length} surveys closed`;
      },
    },
  ];
}
