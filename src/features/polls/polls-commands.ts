// /poll: any member posts a quick poll in the conversation they are in; everyone votes with its
// buttons and the same message shows the tally as they do; its author (or staff, or an admin)
// closes it with /poll close or its button, or its closing time does (the polls-close job). At
// close the message shows the final counts and a chart is posted under it.
import { arg, problemMessage, subcommand, type Feature, type FeatureContext, type OutboundMessage, type Translator } from '../../core/index.ts';
import type { Poll, Tally } from './poll.ts';
import { pollsPersonalData } from './polls-personal-data.ts';
import type { PollsRepository } from './polls-repository.ts';
import { PollsService } from './polls-service.ts';
import { chartBars, CLOSE_ACTION, pollList, pollMessage, readVoteValue, VOTE_ACTION, voteReceipt, type PollViewOptions } from './polls-views.ts';

/** Draws the closing chart; implemented in infra (the features import no chart library). */
export interface PollChartRenderer {
  /** Horizontal bars as a PNG; null when no chart can be drawn here (no font, say). */
  bars(input: { title: string; valueTitle: string; bars: Array<{ label: string; value: number }> }): Promise<Uint8Array | null>;
}

export interface PollsDeps {
  repo: PollsRepository;
  chart: PollChartRenderer;
  /** The network's time zone: closing times are read and shown in it. */
  timeZone: string;
  /** Anonymous polls show their counts only from this many voters (FILIERA_ANONYMITY_MIN). */
  anonymityMin: number;
  /** Kept outside the database: mixed into anonymous voters' hashes (null: the poll's stored secret alone). */
  key: string | null;
}

export function registerPolls(ctx: FeatureContext, deps: PollsDeps): Feature {
  const service = new PollsService({ repo: deps.repo, clock: ctx.clock, timeZone: deps.timeZone, key: deps.key });
  const view: PollViewOptions = { timeZone: deps.timeZone, anonymityMin: deps.anonymityMin };
  // Presses on one poll are rendered one after another, so the last edit shows the latest tally.
  const queues = new Map<string, Promise<unknown>>();
  const inOrder = <T>(pollId: string, work: () => Promise<T>): Promise<T> => {
    const run = (queues.get(pollId) ?? Promise.resolve()).then(work);
    const settled = run.catch(() => undefined);
    queues.set(pollId, settled);
    void settled.then(() => queues.get(pollId) === settled && queues.delete(pollId));
    return run;
  };
  const pollT = (poll: Poll): Translator => ctx.languages.translator(poll.language);
  const render = (poll: Poll, tally: Tally) => pollMessage(poll, tally, pollT(poll), view);

  /** Shows the poll as it now is: through the pressed message where there is one, else by its stored reference. */
  async function show(poll: Poll, tally: Tally, updateSource?: (m: OutboundMessage) => Promise<void>): Promise<void> {
    const message = render(poll, tally);
    if (updateSource) return updateSource(message);
    if (poll.messageId) return ctx.conversations.update({ conversation: poll.conversation, id: poll.messageId }, message);
    await ctx.conversations.post(poll.conversation, message);
  }

  /** The closed poll: final counts in its message, and the chart posted under it. */
  async function announce(poll: Poll, tally: Tally, updateSource?: (m: OutboundMessage) => Promise<void>): Promise<void> {
    await show(poll, tally, updateSource);
    const bars = chartBars(poll, tally, view);
    if (!bars) return;
    const t = pollT(poll);
    try {
      const png = await deps.chart.bars({ title: poll.question, valueTitle: t('polls.chart_votes'), bars });
      if (!png) return;
      await ctx.conversations.post(poll.conversation, {
        text: t('polls.chart_caption', { question: poll.question, count: tally.voters }),
        attachments: [{ filename: `poll-${poll.code.toLowerCase()}.png`, mediaType: 'image/png', base64: Buffer.from(png).toString('base64') }],
      });
    } catch (error) {
      // The results are already in the message; a chart that could not be drawn or posted is not worth failing for.
      ctx.logger.warn({ err: error, poll: poll.id }, 'poll chart not posted');
    }
  }

  ctx.personalData.register(
    pollsPersonalData(deps.repo, service, async (poll) => {
      const fresh = await service.get(poll.id);
      if (!fresh?.messageId) return;
      await inOrder(poll.id, async () => show(fresh, await service.tally(fresh))).catch((error: unknown) =>
        ctx.logger.warn({ err: error, poll: poll.id }, 'poll not shown again after an erasure'),
      );
    }),
  );

  const closeDue = async (): Promise<number> => {
    const closed = await service.closeDue(ctx.clock.now());
    for (const { poll, tally } of closed)
      await inOrder(poll.id, () => announce(poll, tally)).catch((error: unknown) => ctx.logger.warn({ err: error, poll: poll.id }, 'closed poll not shown'));
    return closed.length;
  };

  const privately = (platform: Parameters<typeof ctx.conversations.capabilities>[0]) => ctx.conversations.capabilities(platform).ephemeral;

  ctx.commands.add({
    name: 'poll',
    description: 'polls.description',
    subcommands: [
      subcommand({
        name: '',
        description: 'polls.cmd_new',
        role: 'member',
        args: {
          poll: arg.text({ description: 'polls.arg_poll', example: 'Where do we meet? | Milan | Turin' }).required(),
          multiple: arg.flag({ description: 'polls.arg_multiple' }),
          anonymous: arg.flag({ description: 'polls.arg_anonymous' }),
          closes: arg.string({ description: 'polls.arg_closes', example: '2h' }).named(),
        },
        run: async ({ member, args, event, responder, language, t }) => {
          if (event.isDirect) return { text: t('polls.channel_only') };
          const created = await service.create(member, {
            text: args.poll,
            multiple: args.multiple ?? false,
            anonymous: args.anonymous ?? false,
            closes: args.closes,
            conversation: event.conversation,
            language,
          });
          if (!created.ok) return problemMessage(t, created.error);
          const poll = created.value;
          const posted = await responder.reply(render(poll, { voters: 0, counts: poll.options.map(() => 0), names: poll.options.map(() => []) }));
          if (posted) await service.attach(poll, posted.id);
          return privately(event.platform) ? { text: t('polls.posted', { code: poll.code }) } : undefined;
        },
      }),
      subcommand({
        name: 'close',
        description: 'polls.cmd_close',
        role: 'member',
        args: { poll: arg.string({ description: 'polls.arg_code', suggest: 'poll', example: 'K7Q2MX' }) },
        run: async ({ member, args, event, t }) => {
          const closed = await service.closeByCommand(member, { code: args.poll, conversation: event.conversation });
          if (!closed.ok) return problemMessage(t, closed.error);
          await inOrder(closed.value.poll.id, () => announce(closed.value.poll, closed.value.tally));
          return privately(event.platform) ? { text: t('polls.closed_done', { code: closed.value.poll.code }) } : undefined;
        },
      }),
      subcommand({
        name: 'list',
        description: 'polls.cmd_list',
        role: 'member',
        args: {},
        run: async ({ event, t }) => pollList(await service.open(event.conversation), t, view),
      }),
    ],
  });

  ctx.onAction(VOTE_ACTION, async ({ event, member, t, responder }) => {
    const pressed = readVoteValue(event.value);
    if (!pressed) return { text: t('polls.not_found') };
    // A poll past its closing time closes at the first press, even before the job's next tick.
    if (await closedBecauseDue(pressed.pollId, responder.updateSource)) return { text: t('polls.closed_already_short') };
    const outcome = await inOrder(pressed.pollId, async () => {
      const voted = await service.vote(pressed.pollId, pressed.option, member);
      if (!voted.ok) return voted;
      const { poll, tally } = voted.value;
      await show(poll, tally, responder.updateSource);
      // Another replica may have counted a press meanwhile and edited first: the last edit must be the latest tally.
      const now = await service.tally(poll);
      if (poll.messageId && JSON.stringify(now) !== JSON.stringify(tally)) await show(poll, now);
      return voted;
    });
    if (!outcome.ok) return problemMessage(t, outcome.error);
    return privately(event.platform) ? voteReceipt(outcome.value.poll, outcome.value.choices, t) : undefined;
  });

  async function closedBecauseDue(pollId: string, updateSource?: (m: OutboundMessage) => Promise<void>): Promise<boolean> {
    const poll = await service.get(pollId);
    if (!poll || poll.status !== 'open' || !poll.closesAt || poll.closesAt > ctx.clock.now()) return false;
    const closed = await service.closeDue(ctx.clock.now());
    for (const c of closed) await inOrder(c.poll.id, () => announce(c.poll, c.tally, c.poll.id === pollId ? updateSource : undefined));
    return true;
  }

  ctx.onAction(CLOSE_ACTION, async ({ event, member, t, responder }) => {
    const poll = event.value ? await service.get(event.value) : null;
    if (!poll) return { text: t('polls.not_found') };
    const closed = await service.close(member, poll);
    if (!closed.ok) return problemMessage(t, closed.error);
    await inOrder(poll.id, () => announce(closed.value.poll, closed.value.tally, responder.updateSource));
    return privately(event.platform) ? { text: t('polls.closed_done', { code: poll.code }) } : undefined;
  });

  ctx.onSuggest('poll', async ({ query }) => {
    const q = query.trim().toLowerCase();
    return (await service.open())
      .filter((p) => !q || p.code.toLowerCase().startsWith(q) || p.question.toLowerCase().includes(q))
      .slice(0, 25)
      .map((p) => ({ label: `${p.code} — ${p.question}`.slice(0, 100), value: p.code }));
  });

  return {
    name: 'polls',
    jobs: [
      {
        name: 'polls-close',
        description: 'Closes the polls whose closing time has come and posts their results',
        cron: '* * * * *',
        run: async () => `polls closed: ${await closeDue()}`,
      },
    ],
  };
}
