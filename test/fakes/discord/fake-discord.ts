// A local fake of Discord for the real discord.js Client: REST (`rest.api` → http://127.0.0.1:<port>/api)
// and the gateway (ws) on one port. It keeps channels, DMs, threads, messages and interactions,
// validates payloads against Discord's limits (50035), honours nonce + enforce_nonce, and can be told
// to answer the next matching request with a 429 (Retry-After) or an error code such as 50007.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { commandProblems, messageProblems, modalProblems } from './fake-discord-validate.ts';
import type { DiscordRateLimits } from './discord-rate-limits.ts';

type Json = Record<string, any>;

export interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Json;
  files: number;
  status: number;
  auth: string | undefined;
}

export interface Injection {
  match: (r: { method: string; path: string }) => boolean;
  status: number;
  code?: number;
  message?: string;
  retryAfterSeconds?: number;
  /** Do the work, then answer with the error anyway: a response lost after Discord acted. */
  commit?: boolean;
}

export interface FakeMessage extends Json {
  id: string;
  channel_id: string;
}

/** The one server the fake knows, with its #general channel. */
export const GUILD_ID = '800000000000000001';
export const CHANNEL_ID = '810000000000000001';

export const BOT_USER = { id: '900000000000000001', username: 'filiera', discriminator: '0', bot: true, global_name: null, avatar: null };

export class FakeDiscord {
  readonly requests: Recorded[] = [];
  readonly messages: FakeMessage[] = [];
  readonly channels = new Map<string, Json>();
  readonly threadMembers = new Map<string, Set<string>>();
  readonly commands = new Map<string, Json[]>();
  readonly identifies: Json[] = [];
  /** Interactions by id: their token and whether they were answered. */
  /** `source`: the message whose button or select was used (component interactions). */
  readonly interactions = new Map<string, { token: string; channelId: string; acked: boolean; original?: FakeMessage; source?: string }>();
  readonly injections: Injection[] = [];
  /** When false, creating a private thread fails as in a server that does not allow it. */
  privateThreads = true;
  /** Discord's global limit and per-route buckets, when a test or bench turns them on. */
  limits: DiscordRateLimits | null = null;
  #server: Server;
  #wss = new WebSocketServer({ noServer: true });
  #sockets = new Set<WebSocket>();
  #seq = 0;
  #ids = 1_000_000;
  #nonces = new Map<string, FakeMessage>();
  #waiters: Array<{ test: (r: Recorded) => boolean; resolve: (r: Recorded) => void }> = [];
  port = 0;

  constructor() {
    this.#server = createServer((req, res) => void this.#http(req, res));
    this.#server.on('upgrade', (req, socket, head) => this.#wss.handleUpgrade(req, socket, head, (ws) => this.#connect(ws)));
  }

  /** Gateway connections open now (one per replica that holds the gateway). */
  get connections(): number {
    return this.#sockets.size;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.port = (this.#server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    for (const ws of this.#sockets) ws.terminate();
    this.#wss.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  id(): string {
    return String(++this.#ids).padStart(18, '7');
  }

  /** Sends a gateway dispatch (INTERACTION_CREATE, MESSAGE_CREATE…) to every connected client. */
  dispatch(t: string, d: Json): void {
    if (t === 'INTERACTION_CREATE' && !this.interactions.has(d.id))
      this.interactions.set(d.id, { token: d.token, channelId: d.channel_id, acked: false, ...(d.message?.id ? { source: d.message.id } : {}) });
    const frame = JSON.stringify({ op: 0, t, s: ++this.#seq, d });
    for (const ws of this.#sockets) ws.send(frame);
  }

  /** Resolves with the first recorded request (past or future) that matches. */
  waitFor(test: (r: Recorded) => boolean): Promise<Recorded> {
    const seen = this.requests.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.#waiters.push({ test, resolve }));
  }

  /** Requests seen so far, optionally only those after `from` (an index into `requests`). */
  since(from: number): Recorded[] {
    return this.requests.slice(from);
  }

  messagesIn(channelId: string): FakeMessage[] {
    return this.messages.filter((m) => m.channel_id === channelId);
  }

  dmChannelOf(userId: string): string | undefined {
    return [...this.channels.values()].find((c) => c.type === 1 && c.recipients[0].id === userId)?.id;
  }

  inject(injection: Injection): void {
    this.injections.push(injection);
  }

  #connect(ws: WebSocket): void {
    this.#sockets.add(ws);
    ws.on('close', () => this.#sockets.delete(ws));
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
    ws.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as Json;
      if (frame.op === 1) ws.send(JSON.stringify({ op: 11 }));
      else if (frame.op === 6) ws.send(JSON.stringify({ op: 9, d: false }));
      else if (frame.op === 2) {
        this.identifies.push(frame.d);
        const ready = {
          v: 10,
          user: BOT_USER,
          guilds: [{ id: GUILD_ID, unavailable: true }],
          session_id: 'fake-session',
          resume_gateway_url: `ws://127.0.0.1:${this.port}/gateway`,
          shard: [0, 1],
          application: { id: '900000000000000002', flags: 0 },
        };
        ws.send(JSON.stringify({ op: 0, t: 'READY', s: ++this.#seq, d: ready }));
        ws.send(JSON.stringify({ op: 0, t: 'GUILD_CREATE', s: ++this.#seq, d: guild() }));
      }
    });
  }

  async #http(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname.replace(/^\/api\/v\d+/, ''));
    const method = req.method ?? 'GET';
    const { body, files } = await readBody(req);
    const record: Recorded = { method, path, query: url.searchParams, body, files, status: 0, auth: req.headers.authorization };
    const admission = this.limits?.admit(method, path) ?? { ok: true as const, headers: {} };
    const send = (status: number, json?: unknown, extra: Record<string, string> = {}) => {
      const headers = { ...admission.headers, ...extra };
      record.status = status;
      this.requests.push(record);
      if (json === undefined) res.writeHead(status, headers).end();
      else res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(json));
      for (const w of [...this.#waiters])
        if (w.test(record)) {
          this.#waiters.splice(this.#waiters.indexOf(w), 1);
          w.resolve(record);
        }
    };
    if (!admission.ok) return send(admission.status, admission.body);
    const injected = this.injections.findIndex((i) => !i.commit && i.match({ method, path }));
    if (injected >= 0) {
      const [i] = this.injections.splice(injected, 1);
      if (i!.status === 429) {
        const after = i!.retryAfterSeconds ?? 1;
        return send(
          429,
          { message: 'You are being rate limited.', retry_after: after, global: false },
          { 'retry-after': String(after), 'x-ratelimit-scope': 'user' },
        );
      }
      return send(i!.status, { message: i!.message ?? 'Injected error', code: i!.code ?? 0 });
    }
    const invalid = (problems: string[]) => send(400, { message: 'Invalid Form Body', code: 50035, errors: problems });
    let m: RegExpExecArray | null;

    if (method === 'GET' && path === '/gateway/bot') {
      return send(200, {
        url: `ws://127.0.0.1:${this.port}/gateway`,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      });
    }
    if (method === 'POST' && path === '/users/@me/channels') {
      const existing = this.dmChannelOf(body.recipient_id);
      if (existing) return send(200, this.channels.get(existing));
      const channel = { id: this.id(), type: 1, recipients: [{ id: body.recipient_id, username: `user${body.recipient_id}`, discriminator: '0' }] };
      this.channels.set(channel.id, channel);
      return send(200, channel);
    }
    if ((m = /^\/channels\/(\d+)\/messages$/.exec(path)) && method === 'POST') {
      const problems = messageProblems(body, { hasFiles: files > 0 });
      if (problems.length) return invalid(problems);
      const key = `${m[1]}:${body.nonce}`;
      if (body.nonce !== undefined && body.enforce_nonce && this.#nonces.has(key)) return send(200, this.#nonces.get(key));
      const message = this.#message(m[1]!, body, files);
      if (body.nonce !== undefined) this.#nonces.set(key, message);
      const lost = this.injections.findIndex((i) => i.commit && i.match({ method, path }));
      if (lost >= 0) return send(this.injections.splice(lost, 1)[0]!.status, { message: 'Internal Server Error', code: 0 });
      return send(200, message);
    }
    if ((m = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path)) && method === 'PATCH') {
      const problems = messageProblems(body, { edit: true });
      if (problems.length) return invalid(problems);
      const message = this.messages.find((x) => x.id === m![2]);
      if (!message) return send(404, { message: 'Unknown Message', code: 10008 });
      Object.assign(message, body, { edited_timestamp: new Date().toISOString() });
      return send(200, message);
    }
    if ((m = /^\/channels\/(\d+)\/threads$/.exec(path)) && method === 'POST') {
      if (body.type === 12 && !this.privateThreads) return send(403, { message: 'Missing Access', code: 50001 });
      const thread = { id: this.id(), type: body.type, parent_id: m[1], name: body.name, guild_id: '800000000000000001' };
      this.channels.set(thread.id, thread);
      this.threadMembers.set(thread.id, new Set());
      this.dispatch('THREAD_CREATE', {
        ...thread,
        newly_created: true,
        thread_metadata: {
          archived: false,
          auto_archive_duration: body.auto_archive_duration ?? 1440,
          archive_timestamp: new Date().toISOString(),
          locked: false,
        },
      });
      return send(201, thread);
    }
    if ((m = /^\/channels\/(\d+)\/thread-members\/(\d+)$/.exec(path)) && method === 'PUT') {
      this.threadMembers.get(m[1]!)?.add(m[2]!);
      return send(204);
    }
    if ((m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path)) && method === 'POST') return this.#callback(m[1]!, m[2]!, record, send, invalid);
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/([^/]+))?$/.exec(path))) {
      const interaction = [...this.interactions.values()].find((i) => i.token === m![2]);
      if (!interaction) return send(401, { message: 'Invalid Webhook Token', code: 50027 });
      if (method === 'DELETE') return send(204);
      if (method === 'POST') {
        const problems = messageProblems(body, { hasFiles: files > 0 });
        return problems.length ? invalid(problems) : send(200, this.#message(interaction.channelId, body, files));
      }
      const target = m[3] === '@original' ? interaction.original : this.messages.find((x) => x.id === m![3]);
      if (method === 'PATCH') {
        const problems = messageProblems(body, { edit: true });
        if (problems.length) return invalid(problems);
        if (target) Object.assign(target, body);
        return send(200, target ?? this.#message(interaction.channelId, body, files));
      }
      return send(200, target ?? this.#message(interaction.channelId, {}, 0, false));
    }
    if ((m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path)) && method === 'PUT') {
      const commands = body as unknown as Json[];
      const problems = commands.flatMap(commandProblems);
      if (commands.length > 100) problems.push('more than 100 commands');
      if (problems.length) return invalid(problems);
      const saved = commands.map((c) => ({ ...c, id: this.id(), application_id: m![1], version: '1' }));
      this.commands.set(m[2] ?? 'global', saved);
      return send(200, saved);
    }
    return send(404, { message: `fake has no ${method} ${path}`, code: 0 });
  }

  #callback(id: string, token: string, record: Recorded, send: (s: number, j?: unknown) => void, invalid: (p: string[]) => void): void {
    const interaction = this.interactions.get(id);
    if (!interaction || interaction.token !== token) return send(404, { message: 'Unknown interaction', code: 10062 });
    if (interaction.acked) return send(400, { message: 'Interaction has already been acknowledged.', code: 40060 });
    const { type, data = {} } = record.body;
    const problems = type === 9 ? modalProblems(data) : type === 4 || type === 7 ? messageProblems(data, { hasFiles: record.files > 0, edit: type === 7 }) : [];
    if (problems.length) return invalid(problems);
    interaction.acked = true;
    // UPDATE_MESSAGE (7) edits the message the component is on; after DEFERRED_UPDATE_MESSAGE (6), @original is that message.
    const source = interaction.source ? this.messages.find((m) => m.id === interaction.source) : undefined;
    if ((type === 6 || type === 7) && source) interaction.original = source;
    if (type === 7 && source) Object.assign(source, data, { edited_timestamp: new Date().toISOString() });
    if (type === 4 || type === 5) interaction.original = this.#message(interaction.channelId, type === 4 ? data : {}, record.files, type === 4);
    if (record.query.get('with_response') !== 'true') return send(204);
    return send(200, { interaction: { id, type: 2 }, resource: { type, ...(interaction.original ? { message: interaction.original } : {}) } });
  }

  #message(channelId: string, body: Json, files: number, keep = true): FakeMessage {
    const message: FakeMessage = {
      id: this.id(),
      channel_id: channelId,
      author: BOT_USER,
      content: body.content ?? '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: Array.from({ length: files }, (_, i) => ({
        id: String(i),
        filename: `file${i}`,
        size: 1,
        url: 'http://127.0.0.1/f',
        proxy_url: 'http://127.0.0.1/f',
      })),
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      pinned: false,
      type: 0,
      flags: body.flags ?? 0,
      ...(body.nonce !== undefined ? { nonce: body.nonce } : {}),
    };
    if (keep) this.messages.push(message);
    return message;
  }
}

/** GUILD_CREATE for the fake's server, as sent after READY to a bot with the Guilds intent. */
function guild(): Json {
  return {
    id: GUILD_ID,
    name: 'Cluster managers',
    unavailable: false,
    owner_id: '700000000000000001',
    joined_at: '2026-01-01T00:00:00.000Z',
    member_count: 3,
    large: false,
    features: [],
    premium_tier: 0,
    roles: [{ id: GUILD_ID, name: '@everyone', permissions: '1024', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
    channels: [{ id: CHANNEL_ID, type: 0, name: 'general', position: 0, permission_overwrites: [], guild_id: GUILD_ID }],
    threads: [],
    members: [],
    emojis: [],
    stickers: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
  };
}

/** JSON, or multipart with a payload_json part (file uploads), as @discordjs/rest sends them. */
async function readBody(req: IncomingMessage): Promise<{ body: Json; files: number }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('latin1');
  if (!raw) return { body: {}, files: 0 };
  const type = req.headers['content-type'] ?? '';
  const boundary = /boundary=(.+)$/.exec(type)?.[1];
  if (!boundary) return { body: JSON.parse(Buffer.from(raw, 'latin1').toString('utf8')) as Json, files: 0 };
  const parts = raw.split(`--${boundary.replace(/^"|"$/g, '')}`);
  let body: Json = {};
  let files = 0;
  for (const part of parts) {
    const name = /name="([^"]+)"/.exec(part)?.[1];
    if (name === 'payload_json')
      body = JSON.parse(Buffer.from(part.slice(part.indexOf('\r\n\r\n') + 4).replace(/\r\n$/, ''), 'latin1').toString('utf8')) as Json;
    else if (name?.startsWith('files[')) files++;
  }
  return { body, files };
}
