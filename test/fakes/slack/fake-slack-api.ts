// A local fake of the Slack Web API on 127.0.0.1 (port 0): the methods the adapter calls, Block Kit
// validation so renderer bugs fail, response_url capture, file uploads, and injected failures
// (429 + Retry-After, ok:false errors, 5xx). Tests await what it records instead of sleeping.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { blockProblems, textProblems, viewProblems } from './block-kit-rules.ts';
import type { SlackRateLimits } from './slack-rate-limits.ts';

type Json = Record<string, any>;

export const BOT_TOKEN = 'xoxb-test-bot-token-0000';
export const APP_TOKEN = 'xapp-test-app-token-0000';
export const BOT_USER = 'UBOT';

export interface Call {
  method: string;
  args: Json;
  authorization?: string;
  /** What the fake answered (e.g. the ts of a posted message). */
  result?: Json;
}
export type Failure = { status: 429; retryAfter: number } | { status: 500 } | { error: string };

export interface FakeUser {
  name: string;
  locale?: string;
  tz?: string;
}

const JSON_ARGS = new Set(['blocks', 'view', 'metadata', 'attachments', 'files']);

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseArgs(req: IncomingMessage, raw: Buffer): Json {
  const type = String(req.headers['content-type'] ?? '');
  if (type.startsWith('application/json')) return raw.length ? (JSON.parse(raw.toString('utf8')) as Json) : {};
  const args: Json = {};
  for (const [key, value] of new URLSearchParams(raw.toString('utf8'))) {
    args[key] = JSON_ARGS.has(key) ? JSON.parse(value) : value;
  }
  return args;
}

export class FakeSlack {
  readonly calls: Call[] = [];
  readonly responses: Array<{ id: string; body: Json }> = [];
  readonly uploads: Array<{ id: string; bytes: Buffer }> = [];
  readonly users = new Map<string, FakeUser>();
  readonly failures = new Map<string, Failure[]>();
  /** Requests the fake refused, with why: a renderer bug shows up here. */
  readonly rejected: Array<{ method: string; problems: string[] }> = [];
  /**
   * Conversations the bot is not a member of, such as a DM between two people (or a person's DM with
   * themselves): a slash command can be typed there, but posting into it fails with channel_not_found.
   */
  readonly outside = new Set<string>();
  /** Slack's own limits (per channel, per workspace), when a test or bench turns them on. */
  limits: SlackRateLimits | null = null;
  #ts = 0;
  #waiters: Array<() => void> = [];
  readonly #holds = new Map<string, Array<Promise<void>>>();
  /** Socket Mode upgrades are handed to whoever attached (see FakeSocketMode). */
  onUpgrade: ((req: IncomingMessage, socket: import('node:stream').Duplex, head: Buffer) => void) | null = null;

  private constructor(readonly server: Server) {}

  static async start(): Promise<FakeSlack> {
    const server = createServer();
    const fake = new FakeSlack(server);
    server.on('request', (req, res) => void fake.#serve(req, res));
    server.on('upgrade', (req, socket, head) => (fake.onUpgrade ? fake.onUpgrade(req, socket, head) : socket.destroy()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }
  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  get apiUrl(): string {
    return `${this.base}/api/`;
  }

  /** A response_url for one interaction; what the adapter posts there lands in `responses`. */
  responseUrl(id: string): string {
    return `${this.base}/response/${id}`;
  }

  failNext(method: string, ...failures: Failure[]): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...failures]);
  }

  /** The next call to `method` is answered only once `release` is called: Slack being slow (users.info after a restart). */
  holdNext(method: string): { release(): void } {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    this.#holds.set(method, [...(this.#holds.get(method) ?? []), held]);
    return { release };
  }

  callsTo(method: string): Call[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves once `check` returns a value (re-checked after every request the fake serves). */
  async waitFor<T>(check: () => T | undefined | false | null): Promise<T> {
    for (;;) {
      const value = check();
      if (value) return value;
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  #notify(): void {
    const waiters = this.#waiters.splice(0);
    for (const w of waiters) w();
  }

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', this.base);
    try {
      if (url.pathname.startsWith('/response/')) {
        this.responses.push({ id: url.pathname.slice('/response/'.length), body: JSON.parse(raw.toString('utf8')) as Json });
        return this.#json(res, 200, { ok: true });
      }
      if (url.pathname.startsWith('/upload/')) {
        this.uploads.push({ id: url.pathname.slice('/upload/'.length), bytes: raw });
        res.writeHead(200, { 'content-type': 'text/plain' }).end('OK - ' + raw.length);
        return;
      }
      const method = url.pathname.replace(/^\/api\//, '');
      const held = this.#holds.get(method)?.shift();
      if (held) await held;
      const args = parseArgs(req, raw);
      const authorization = req.headers.authorization;
      const call: Call = { method, args, ...(authorization ? { authorization } : {}) };
      const failure = this.failures.get(method)?.shift();
      if (failure) {
        this.calls.push({ ...call, args: { ...args, failed: true } });
        if ('error' in failure) return this.#json(res, 200, { ok: false, error: failure.error });
        if (failure.status === 429) {
          res
            .writeHead(429, { 'content-type': 'application/json', 'retry-after': String(failure.retryAfter) })
            .end(JSON.stringify({ ok: false, error: 'ratelimited' }));
          return;
        }
        return this.#json(res, 500, { ok: false, error: 'internal_error' });
      }
      const limited = this.limits?.check(method, args);
      if (limited) {
        this.calls.push({ ...call, args: { ...args, failed: true, limited: true } });
        res
          .writeHead(429, { 'content-type': 'application/json', 'retry-after': String(limited.retryAfter) })
          .end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      }
      const expected = method === 'apps.connections.open' ? APP_TOKEN : BOT_TOKEN;
      if (authorization !== `Bearer ${expected}`) return this.#json(res, 200, { ok: false, error: 'invalid_auth' });
      const answer = this.#method(method, args);
      if (!answer.ok) this.rejected.push({ method, problems: [String(answer.error), ...((answer.problems as string[]) ?? [])] });
      else this.calls.push({ ...call, result: answer });
      return this.#json(res, 200, answer);
    } finally {
      this.#notify();
    }
  }

  #json(res: ServerResponse, status: number, body: Json): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  }

  #nextTs(): string {
    this.#ts++;
    return `1800000000.${String(this.#ts).padStart(6, '0')}`;
  }

  #method(method: string, args: Json): Json {
    const invalid = (error: string, problems: string[]) => ({ ok: false, error, problems });
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack/', team: 'Fake', team_id: 'T1', user: 'filiera', user_id: BOT_USER, bot_id: 'BBOT' };
      case 'chat.postMessage':
      case 'chat.postEphemeral':
      case 'chat.update': {
        if (this.outside.has(String(args.channel))) return { ok: false, error: 'channel_not_found' };
        const problems = [...textProblems(args), ...blockProblems(args.blocks, 'message')];
        if (problems.includes('msg_too_long')) return invalid('msg_too_long', problems);
        if (problems.includes('no_text')) return invalid('no_text', problems);
        if (problems.length) return invalid('invalid_blocks', problems);
        if (method === 'chat.postEphemeral') return { ok: true, message_ts: this.#nextTs() };
        if (method === 'chat.update') return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
        const ts = this.#nextTs();
        return { ok: true, channel: args.channel, ts, message: { text: args.text, ts, user: BOT_USER } };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users).replace(/^U/, '')}` } };
      case 'views.open':
      case 'views.publish': {
        const problems = viewProblems(args.view, method === 'views.open' ? 'modal' : 'home');
        if (problems.length) return invalid('invalid_arguments', problems);
        return { ok: true, view: { id: `V${this.#ts++}`, ...(args.view as Json) } };
      }
      case 'users.info': {
        const user = this.users.get(String(args.user));
        if (!user) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: {
            id: args.user,
            name: user.name,
            real_name: user.name,
            tz: user.tz,
            ...(args.include_locale ? { locale: user.locale } : {}),
            profile: { display_name: user.name },
          },
        };
      }
      case 'files.getUploadURLExternal': {
        const id = `F${++this.#ts}`;
        return { ok: true, upload_url: `${this.base}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const files = (typeof args.files === 'string' ? JSON.parse(args.files) : args.files) as Json[];
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) };
      }
      case 'apps.connections.open':
        return { ok: true, url: `ws://127.0.0.1:${this.port}/link` };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  /** Messages posted with chat.postMessage (successful ones), optionally to one channel. */
  posted(channel?: string): Json[] {
    return this.callsTo('chat.postMessage')
      .filter((c) => !c.args.failed && (!channel || c.args.channel === channel))
      .map((c) => ({ ...c.args, ts: c.result?.ts as string }));
  }
}
