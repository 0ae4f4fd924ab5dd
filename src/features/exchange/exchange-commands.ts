// /exchange: registers the command and its subcommands, the proposal, outcome and topic buttons, the
// profile and "answered" forms, the listener that keeps answers posted in question threads, and the
// two scheduled jobs (the matchmaking round and the follow-up).
import {
  UserFacingError,
  arg,
  subcommand,
  type ActionHandler,
  type FormOutcome,
  type JobDefinition,
  type Member,
  type OutboundMessage,
  type Translator,
} from '../../core/index.ts';
import { FREQUENCIES, TOPICS } from './exchange.ts';
import { ANSWERED_FORM, ASK_TOPIC_ACTION, answeredForm } from './exchange-question-views.ts';
import { ask, chooseTopic, finishAnswered, markAnswered, ownQuestion, parseTopics, recordThreadMessage } from './exchange-questions.ts';
import { search } from './exchange-search.ts';
import { readTyped } from './exchange-typed.ts';
import { recordNote, recordOutcome, respond, runRound, sendFollowUps } from './exchange-rounds.ts';
import { PROFILE_GROUP_NAMES, profileFromForm } from './exchange-profile.ts';
import { PROFILE_FORM, profileForm, profileMessage, profilePrefill } from './exchange-profile-views.ts';
import { changeAvailability, findHelpers, memberIndex, type AvailabilityChange, type ExchangeDeps } from './exchange-service.ts';
import { STATS_PERIODS, exchangeStats, statsMessage, statsRows } from './exchange-stats.ts';
import { ACCEPT_ACTION, DECLINE_ACTION, OUTCOME_ACTION, OUTCOME_NOTE_FORM, localDate, outcomeNoteForm, topicLabel, whyLine } from './exchange-views.ts';

export interface ExchangeSchedule {
  roundCron: string;
  followUpCron: string;
}

export function registerExchange(deps: ExchangeDeps, schedule: ExchangeSchedule): JobDefinition[] {
  const { ctx, repo } = deps;

  const availability = async (member: Member, t: Translator, change: AvailabilityChange): Promise<OutboundMessage> => {
    const result = await changeAvailability(deps, member, change);
    if (!result.ok) throw new UserFacingError(result.error === 'no_profile' ? 'exchange.no_profile' : 'exchange.bad_date');
    const p = result.value;
    const date = p.snoozedUntil ? localDate(p.snoozedUntil, member.timeZone ?? deps.settings.timeZone) : '—';
    return { text: t(p.optedOut ? 'exchange.opted_out' : 'exchange.availability_saved', { every: t(`exchange.frequency.${p.frequency}`), date }) };
  };

  const round = async (now: Date, manual: boolean): Promise<string> => {
    const result = await runRound(deps, now, manual);
    return result.alreadyRan
      ? `exchange round ${result.period}: already ran, nothing new proposed`
      : `exchange round ${result.period}: pairs proposed: ${result.proposed}`;
  };
  const sentByDm = (how: 'modal' | 'questionnaire', isDirect: boolean, t: Translator) =>
    how === 'questionnaire' && !isDirect ? { text: t('core.sent_by_dm') } : undefined;
  const topicsIn = (typed: string, t: Translator) => parseTopics(typed, [t, ctx.languages.translator('en')]);
  const topicArg = (description: string) => arg.string({ description, suggest: 'topic', example: 'internationalisation' });

  ctx.commands.add({
    name: 'exchange',
    description: 'exchange.description',
    subcommands: [
      subcommand({
        name: 'profile',
        description: 'exchange.cmd_profile',
        role: 'member',
        args: { field: arg.choice(PROFILE_GROUP_NAMES, { description: 'exchange.arg_field', example: 'topics' }).named() },
        run: async ({ member, t, responder, event, args }) => {
          const current = await repo.getProfile(member.id);
          if (args.field && !current) throw new UserFacingError('exchange.no_profile');
          const form = profileForm(t, current, args.field);
          return sentByDm(await ctx.questionnaires.ask(event.user, form, t, { responder, current: profilePrefill(current, member) }), event.isDirect, t);
        },
      }),
      subcommand({
        name: 'me',
        description: 'exchange.cmd_me',
        role: 'member',
        args: {},
        run: async ({ member, t }) => {
          const profile = await repo.getProfile(member.id);
          if (!profile) throw new UserFacingError('exchange.no_profile');
          return profileMessage(profile, member, t, member.timeZone ?? deps.settings.timeZone);
        },
      }),
      subcommand({
        name: 'availability',
        description: 'exchange.cmd_availability',
        role: 'member',
        args: { every: arg.choice(FREQUENCIES, { description: 'exchange.arg_every', example: 'monthly' }).required() },
        run: async ({ member, t, args }) => availability(member, t, { kind: 'frequency', frequency: args.every }),
      }),
      subcommand({
        name: 'snooze',
        description: 'exchange.cmd_snooze',
        role: 'member',
        args: { until: arg.date({ description: 'exchange.arg_until' }).required() },
        run: async ({ member, t, args }) => availability(member, t, { kind: 'snooze', date: args.until }),
      }),
      subcommand({
        name: 'optout',
        description: 'exchange.cmd_optout',
        role: 'member',
        args: {},
        run: async ({ member, t }) => availability(member, t, { kind: 'optout' }),
      }),
      subcommand({
        name: 'optin',
        description: 'exchange.cmd_optin',
        role: 'member',
        args: {},
        run: async ({ member, t }) => availability(member, t, { kind: 'optin' }),
      }),
      subcommand({
        name: 'find',
        description: 'exchange.cmd_find',
        role: 'member',
        args: { topic: arg.text({ description: 'exchange.arg_topic', suggest: 'topic', example: 'internationalisation' }).required() },
        run: async ({ member, t, args }) => {
          const [topic] = topicsIn(args.topic, t);
          if (!topic) throw new UserFacingError('exchange.no_topic');
          const found = await findHelpers(deps, member, topic);
          if (found.length === 0) return { text: t('exchange.find_none', { topic: topicLabel(t, topic) }) };
          const title = t('exchange.find_title', { topic: topicLabel(t, topic) });
          const lines = found.map((f) => `• ${whyLine('seeker', f, topic, f.sharedLanguages, t)}`);
          return { text: [title, ...lines, t('exchange.find_hint')].join('\n') };
        },
      }),
      subcommand({
        name: 'ask',
        description: 'exchange.cmd_ask',
        role: 'member',
        args: {
          question: arg.text({ description: 'exchange.arg_question', example: 'How do you find distributors in Germany?' }).required(),
          topics: topicArg('exchange.arg_topics').named(),
        },
        run: async ({ member, t, args }) => ask(deps, member, args.question, args.topics ? topicsIn(args.topics, t) : []),
      }),
      subcommand({
        name: 'answered',
        description: 'exchange.cmd_answered',
        role: 'member',
        args: {
          id: arg.integer({ description: 'exchange.arg_id', example: '1' }).required(),
          picks: arg.string({ description: 'exchange.arg_picks', example: '1,3' }).named(),
        },
        run: async ({ member, t, args, event, responder }) => {
          const step = await markAnswered(deps, member, args.id, args.picks);
          if (step.kind === 'done') return step.message;
          const people = await memberIndex(deps.members);
          const authors = new Map([...people].map(([id, m]) => [id, m.displayName]));
          const form = answeredForm(step.question, await repo.answers(step.question.id), authors, t);
          return sentByDm(await ctx.questionnaires.ask(event.user, form, t, { responder }), event.isDirect, t);
        },
      }),
      subcommand({
        name: 'search',
        description: 'exchange.cmd_search',
        role: 'member',
        args: { words: arg.text({ description: 'exchange.arg_words', example: 'internazionalizzazione' }).required() },
        run: async ({ member, args }) => search(deps, member, args.words),
      }),
      subcommand({
        name: 'stats',
        description: 'exchange.cmd_stats',
        role: 'admin',
        args: {
          by: arg.choice(STATS_PERIODS, { description: 'exchange.arg_by', example: 'quarter' }).named(),
          csv: arg.flag({ description: 'exchange.arg_csv' }),
        },
        run: async ({ t, args }) => {
          const by = args.by ?? 'month';
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
      }),
      subcommand({
        name: 'round',
        description: 'exchange.cmd_round',
        role: 'admin',
        args: {},
        run: async ({ t }) => ({ text: t('exchange.round_done', { summary: await round(deps.clock.now(), true) }) }),
      }),
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
