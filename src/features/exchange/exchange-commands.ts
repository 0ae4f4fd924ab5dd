// /exchange: registers the command and its subcommands, the proposal, outcome and topic buttons, the
// profile and "answered" forms, the listener that keeps answers posted in question threads, and the
// two scheduled jobs (the matchmaking round and the follow-up).
import {
  UserFacingError,
  type ActionHandler,
  type FeatureContext,
  type CommandContext,
  type FormOutcome,
  type JobDefinition,
  type OutboundMessage,
  type Subcommand,
} from '../../core/index.ts';
import { FREQUENCIES, TOPICS, type Frequency } from './exchange.ts';
import { ANSWERED_FORM, ASK_TOPIC_ACTION, answeredForm } from './exchange-question-views.ts';
import { ask, chooseTopic, finishAnswered, markAnswered, ownQuestion, parseTopics, recordThreadMessage } from './exchange-questions.ts';
import { search } from './exchange-search.ts';
import { readTyped } from './exchange-typed.ts';
import { recordNote, recordOutcome, respond, runRound, sendFollowUps } from './exchange-rounds.ts';
import { PROFILE_GROUP_NAMES, profileFromForm, type ProfileGroup } from './exchange-profile.ts';
import { PROFILE_FORM, profileForm, profileMessage, profilePrefill } from './exchange-profile-views.ts';
import { changeAvailability, findHelpers, memberIndex, type AvailabilityChange, type ExchangeDeps } from './exchange-service.ts';
import { STATS_PERIODS, exchangeStats, statsMessage, statsRows, type StatsPeriod } from './exchange-stats.ts';
import { ACCEPT_ACTION, DECLINE_ACTION, OUTCOME_ACTION, OUTCOME_NOTE_FORM, localDate, outcomeNoteForm, topicLabel, whyLine } from './exchange-views.ts';

export interface ExchangeSchedule {
  roundCron: string;
  followUpCron: string;
}

const sub = (name: string, role: Subcommand['role'], args: Subcommand['args'], run: Subcommand['run']): Subcommand => ({
  name,
  description: `exchange.cmd_${name}`,
  role,
  args,
  run,
});

export function registerExchange(deps: ExchangeDeps, schedule: ExchangeSchedule): JobDefinition[] {
  const { ctx, repo } = deps;

  const availability =
    (change: (ctx: CommandContext) => AvailabilityChange) =>
    async (ctx: CommandContext): Promise<OutboundMessage> => {
      const result = await changeAvailability(deps, ctx.member, change(ctx));
      if (!result.ok) throw new UserFacingError(result.error === 'no_profile' ? 'exchange.no_profile' : 'exchange.bad_date');
      const p = result.value;
      const date = p.snoozedUntil ? localDate(p.snoozedUntil, ctx.member.timeZone ?? deps.settings.timeZone) : '—';
      return { text: ctx.t(p.optedOut ? 'exchange.opted_out' : 'exchange.availability_saved', { every: ctx.t(`exchange.frequency.${p.frequency}`), date }) };
    };

  const round = async (now: Date, manual: boolean): Promise<string> => {
    const result = await runRound(deps, now, manual);
    return result.alreadyRan
      ? `exchange round ${result.period}: already ran, nothing new proposed`
      : `exchange round ${result.period}: pairs proposed: ${result.proposed}`;
  };

  ctx.commands.add({
    name: 'exchange',
    description: 'exchange.description',
    subcommands: [
      sub(
        'profile',
        'member',
        [{ name: 'field', kind: 'choice', named: true, choices: PROFILE_GROUP_NAMES, example: 'topics', description: 'exchange.arg_field' }],
        async ({ member, t, responder, event, args }) => {
          const current = await repo.getProfile(member.id);
          const group = args.field as ProfileGroup | undefined;
          if (group && !current) throw new UserFacingError('exchange.no_profile');
          const prefill = profilePrefill(current, member);
          const how = await ctx.questionnaires.ask(event.user, profileForm(t, current, group), t, { responder, current: prefill });
          return how === 'questionnaire' && !event.isDirect ? { text: t('core.sent_by_dm') } : undefined;
        },
      ),
      sub('me', 'member', [], async ({ member, t }) => {
        const profile = await repo.getProfile(member.id);
        if (!profile) throw new UserFacingError('exchange.no_profile');
        return profileMessage(profile, member, t, member.timeZone ?? deps.settings.timeZone);
      }),
      sub(
        'availability',
        'member',
        [{ name: 'every', kind: 'choice', required: true, choices: FREQUENCIES, example: 'monthly', description: 'exchange.arg_every' }],
        availability((ctx) => ({ kind: 'frequency', frequency: ctx.args.every as Frequency })),
      ),
      sub(
        'snooze',
        'member',
        [{ name: 'until', kind: 'date', required: true, description: 'exchange.arg_until' }],
        availability((ctx) => ({ kind: 'snooze', date: ctx.args.until as string })),
      ),
      sub(
        'optout',
        'member',
        [],
        availability(() => ({ kind: 'optout' })),
      ),
      sub(
        'optin',
        'member',
        [],
        availability(() => ({ kind: 'optin' })),
      ),
      sub(
        'find',
        'member',
        [{ name: 'topic', kind: 'text', required: true, suggest: 'topic', description: 'exchange.arg_topic' }],
        async ({ member, t, args }) => {
          const [topic] = parseTopics(String(args.topic), [t, ctx.languages.translator('en')]);
          if (!topic) throw new UserFacingError('exchange.no_topic');
          const found = await findHelpers(deps, member, topic);
          if (found.length === 0) return { text: t('exchange.find_none', { topic: topicLabel(t, topic) }) };
          const title = t('exchange.find_title', { topic: topicLabel(t, topic) });
          const lines = found.map((f) => `• ${whyLine('seeker', f, topic, f.sharedLanguages, t)}`);
          return { text: [title, ...lines, t('exchange.find_hint')].join('\n') };
        },
      ),
      sub(
        'ask',
        'member',
        [
          { name: 'question', kind: 'text', required: true, description: 'exchange.arg_question' },
          { name: 'topics', kind: 'string', named: true, suggest: 'topic', description: 'exchange.arg_topics' },
        ],
        async ({ member, t, args }) =>
          ask(deps, member, String(args.question), args.topics ? parseTopics(String(args.topics), [t, ctx.languages.translator('en')]) : []),
      ),
      sub(
        'answered',
        'member',
        [
          { name: 'id', kind: 'integer', required: true, description: 'exchange.arg_id' },
          { name: 'picks', kind: 'string', named: true, description: 'exchange.arg_picks' },
        ],
        async ({ member, t, args, event, responder }) => {
          const step = await markAnswered(deps, member, Number(args.id), args.picks as string | undefined);
          if (step.kind === 'done') return step.message;
          const people = await memberIndex(deps.members);
          const authors = new Map([...people].map(([id, m]) => [id, m.displayName]));
          const how = await ctx.questionnaires.ask(event.user, answeredForm(step.question, await repo.answers(step.question.id), authors, t), t, { responder });
          return how === 'questionnaire' && !event.isDirect ? { text: t('core.sent_by_dm') } : undefined;
        },
      ),
      sub('search', 'member', [{ name: 'words', kind: 'text', required: true, description: 'exchange.arg_words' }], async ({ member, args }) =>
        search(deps, member, String(args.words)),
      ),
      sub(
        'stats',
        'admin',
        [
          { name: 'by', kind: 'choice', named: true, choices: STATS_PERIODS, example: 'quarter', description: 'exchange.arg_by' },
          { name: 'csv', kind: 'flag', description: 'exchange.arg_csv' },
        ],
        async ({ t, args }) => {
          const by = (args.by as StatsPeriod | undefined) ?? 'month';
          const stats = exchangeStats(await repo.allProposals(), await repo.listProfiles(), by, deps.settings.timeZone);
          const message = statsMessage(stats, t);
          if (!args.csv) return message;
          const day = localDate(deps.clock.now(), deps.settings.timeZone);
          const csv = deps.csv(statsRows(stats));
          return {
            ...message,
            attachments: [{ filename: `exchange-stats-${by}-${day}.csv`, mediaType: 'text/csv', base64: Buffer.from(csv, 'utf8').toString('base64') }],
          };
        },
      ),
      sub('round', 'admin', [], async ({ t }) => ({ text: t('exchange.round_done', { summary: await round(deps.clock.now(), true) }) })),
    ],
  });

  /** Answers a button, replacing the message that carried it where the platform can. */
  const answer =
    (run: ActionHandler): ActionHandler =>
    async (ctx) => {
      const reply = await run(ctx);
      if (reply && ctx.responder.updateSource) {
        await ctx.responder.updateSource(reply);
        return undefined;
      }
      return reply;
    };
  ctx.onAction(
    ACCEPT_ACTION,
    answer(async ({ member, event }) => respond(deps, member, event.value ?? '', 'accepted')),
  );
  ctx.onAction(
    DECLINE_ACTION,
    answer(async ({ member, event }) => respond(deps, member, event.value ?? '', 'declined')),
  );
  ctx.onAction(OUTCOME_ACTION, async (action) => {
    const step = await recordOutcome(deps, action.member, action.event.value ?? '');
    if (action.responder.updateSource) await action.responder.updateSource(step.reply);
    else await action.responder.reply(step.reply, { ephemeral: true });
    // Then the optional line: a modal where this click can still open one, else a question in the DM.
    if (step.kind === 'saved')
      await ctx.questionnaires.ask(action.event.user, outcomeNoteForm(step.proposalId, action.t), action.t, { responder: action.responder });
    return undefined;
  });
  ctx.onForm(OUTCOME_NOTE_FORM, async ({ event, member }) =>
    recordNote(deps, member, event.context ?? '', typeof event.values.note === 'string' ? event.values.note : ''),
  );
  ctx.onAction(
    ASK_TOPIC_ACTION,
    answer(async ({ member, event }) => chooseTopic(deps, member, event.value ?? '')),
  );

  ctx.onForm(PROFILE_FORM, async ({ event, member, t, language }): Promise<FormOutcome | OutboundMessage> => {
    const stored = profilePrefill(await repo.getProfile(member.id), member);
    const parsed = profileFromForm(member.id, event.values, stored, [language]);
    if (!parsed.ok) return { ok: false, fieldErrors: { [parsed.error.field]: t(parsed.error.key) } };
    const profile = await repo.saveProfile(parsed.value, deps.clock.now());
    return profileMessage(profile, member, t, member.timeZone ?? deps.settings.timeZone, t('exchange.profile_saved'));
  });
  ctx.onForm(ANSWERED_FORM, async ({ event, member }): Promise<OutboundMessage> => {
    const question = await ownQuestion(deps, member, Number(event.context));
    const raw = event.values.picks;
    const picks = (Array.isArray(raw) ? raw : raw ? [raw] : []).map(Number).filter(Number.isInteger);
    const summary = typeof event.values.summary === 'string' && event.values.summary.trim() ? event.values.summary.trim() : null;
    return finishAnswered(deps, member, question, picks, summary);
  });

  ctx.onMessage(async ({ member, event, responder }) => {
    const recorded = await recordThreadMessage(deps, member, event);
    if (recorded?.tell) await responder.reply(recorded.tell, { ephemeral: true });
    return recorded !== null;
  });
  // Typed instead of pressed, in the person's DM: accept, decline, or a follow-up answer's number.
  const everyLanguage = deps.settings.languages.map((l) => ctx.languages.translator(l));
  ctx.onMessage(async ({ member, event, responder, t }) => {
    if (!event.isDirect) return false;
    const step = await readTyped(deps, member, event.text, t, everyLanguage);
    switch (step.kind) {
      case 'none':
        return false;
      case 'reply':
        await responder.reply(step.message);
        return true;
      case 'answer':
        await responder.reply(await respond(deps, member, step.proposalId, step.answer));
        return true;
      case 'outcome': {
        const saved = await recordOutcome(deps, member, step.value);
        await responder.reply(saved.reply);
        if (saved.kind === 'saved') await ctx.questionnaires.ask(event.user, outcomeNoteForm(saved.proposalId, t), t, { responder });
        return true;
      }
    }
  });

  // Discord autocomplete and the like: topics whose code or label (in the person's language or
  // English) starts with or contains what is typed so far.
  ctx.onSuggest('topic', async ({ t, query }) => {
    const typed = query.trim().toLowerCase();
    const english = ctx.languages.translator('en');
    return TOPICS.filter((topic) => !typed || [topic, topicLabel(t, topic), topicLabel(english, topic)].some((s) => s.toLowerCase().includes(typed)))
      .slice(0, 25)
      .map((topic) => ({ label: topicLabel(t, topic), value: topic }));
  });

  ctx.onHome(async ({ member, t }) => {
    const profile = await repo.getProfile(member.id);
    return [
      {
        type: 'text',
        markdown: profile
          ? `*${t('exchange.home_title')}* · ${t(profile.optedOut ? 'exchange.availability_out' : 'exchange.home_on')}`
          : t('exchange.home_none'),
      },
    ];
  });

  return [
    {
      name: 'exchange-round',
      description: 'Propose experience-exchange pairs for this period',
      cron: schedule.roundCron,
      timeZone: deps.settings.timeZone,
      run: async ({ now, manual }) => round(now, manual),
    },
    {
      name: 'exchange-followup',
      description: 'Ask both sides of past exchanges what came of them',
      cron: schedule.followUpCron,
      timeZone: deps.settings.timeZone,
      run: async ({ now, manual }) => {
        const sent = await sendFollowUps(deps, now, manual);
        return `exchange follow-up: exchanges asked: ${sent.asked}, reminded: ${sent.reminded}`;
      },
    },
  ];
}
