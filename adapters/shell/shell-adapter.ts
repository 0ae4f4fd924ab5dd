// The shell adapter: the whole network in one terminal. Each input line is a slash command, a
// message, a numbered button press or a ":" meta command; everything the bot posts anywhere is
// printed with where it went. It reads injected streams and never exits the process: `closed`
// resolves once input has ended and every line has been handled.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import {
  conversationRef,
  refParts,
  type AdapterCapabilities,
  type ChatAdapter,
  type ConversationRef,
  type InboundEvent,
  type InboundHandler,
  type MessageRef,
  type OutboundMessage,
  type Responder,
  type UserRef,
} from '../../src/core/index.ts';
import { META_HELP, parseMeta } from './shell-meta.ts';
import { pressables, renderMessage, type Pressable } from './shell-render.ts';

export interface ShellAdapterOptions {
  input: Readable;
  output: Writable;
  /** The member the session starts as (the first configured shell admin). */
  user: string;
  room?: string;
  /** Where attachments (charts, exports) are written. */
  filesDir: string;
  /** Print a prompt before reading (a terminal) or echo each line after it (piped input). */
  interactive: boolean;
  runJob(name: string): Promise<string>;
  /** Called after each line is handled, e.g. to deliver what the line queued in the outbox. */
  afterLine?(): Promise<void>;
}

export const SHELL_CAPABILITIES: AdapterCapabilities = {
  cards: true,
  forms: null,
  ephemeral: false,
  threads: 'rooms',
  files: 'any',
  sendRatePerSecond: 0,
};

export class ShellAdapter implements ChatAdapter {
  readonly platform = 'shell' as const;
  readonly capabilities = SHELL_CAPABILITIES;
  readonly closed: Promise<void>;
  #user: string;
  #conversation: ConversationRef;
  #counter = 0;
  readonly #pressables = new Map<ConversationRef, Pressable[]>();
  readonly #rooms = new Set<string>();
  #finish!: () => void;
  #handle: InboundHandler | null = null;
  #chain: Promise<void> = Promise.resolve();
  #quit: () => void = () => undefined;

  constructor(private readonly options: ShellAdapterOptions) {
    this.#user = options.user;
    this.#conversation = this.#room(options.room ?? 'general');
    this.closed = new Promise((resolve) => (this.#finish = resolve));
  }

  get currentUser(): string {
    return this.#user;
  }

  async start(handle: InboundHandler): Promise<void> {
    this.#handle = handle;
    const lines = createInterface({ input: this.options.input, terminal: false });
    this.#quit = () => lines.close();
    this.#prompt();
    lines.on('line', (line) => void this.line(line));
    lines.on('close', () => void this.#chain.then(() => this.#finish()));
  }

  /** Handles one line as if typed; lines run one after another. Resolves once this one is handled. */
  line(raw: string): Promise<void> {
    const handle = this.#handle;
    if (!handle) return Promise.reject(new Error('shell not started'));
    const run = this.#chain.then(() => this.#onLine(raw, handle, () => this.#quit())).catch((error: unknown) => this.#write(`! ${(error as Error).message}`));
    this.#chain = run;
    return run;
  }

  async stop(): Promise<void> {
    this.#finish();
  }

  async post(to: ConversationRef, message: OutboundMessage): Promise<MessageRef> {
    const id = String(++this.#counter);
    const header = to === this.#conversation ? '' : `→ ${this.#label(to)}\n`;
    this.#pressables.set(to, pressables(message.card));
    this.#write(header + renderMessage(message) + (await this.#attachments(message)));
    return { conversation: to, id };
  }

  async update(message: MessageRef, next: OutboundMessage): Promise<void> {
    this.#pressables.set(message.conversation, pressables(next.card));
    this.#write(`(message ${message.id} in ${this.#label(message.conversation)} updated)\n${renderMessage(next)}`);
  }

  async openDirect(user: UserRef): Promise<ConversationRef> {
    return conversationRef('shell', 'dm', user.id);
  }

  resolveChannel(mention: string): ConversationRef | null {
    const name = mention.replace(/^#/, '').toLowerCase();
    return /^[a-z0-9][a-z0-9-]*$/.test(name) ? this.#room(name) : null;
  }

  async startThread(where: ConversationRef, opening: OutboundMessage, options: { title?: string; invite?: UserRef[] } = {}): Promise<ConversationRef> {
    const slug = (options.title ?? `thread-${this.#counter + 1}`)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    const room = this.#room(slug || `thread-${this.#counter + 1}`);
    const invited = options.invite?.map((u) => '@' + u.id).join(', ');
    this.#write(`(new room #${refParts(room)[1]} from ${this.#label(where)}${invited ? ` with ${invited}` : ''}; type :in #${refParts(room)[1]} to join)`);
    await this.post(room, opening);
    return room;
  }

  async #onLine(raw: string, handle: InboundHandler, quit: () => void): Promise<void> {
    const line = raw.trim();
    if (!this.options.interactive) this.#write(`${this.#promptText()}${line}`);
    if (line === '') return this.#prompt();
    if (line.startsWith(':')) await this.#meta(line, quit);
    else await this.#inbound(line, handle);
    await this.options.afterLine?.();
    this.#prompt();
  }

  async #inbound(line: string, handle: InboundHandler): Promise<void> {
    const base = {
      platform: 'shell' as const,
      user: { platform: 'shell' as const, id: this.#user },
      conversation: this.#conversation,
      isDirect: this.#isDirect(this.#conversation),
    };
    const pressed = /^\d+$/.test(line) ? this.#pressables.get(this.#conversation)?.[Number(line) - 1] : undefined;
    let event: InboundEvent;
    if (pressed) event = { ...base, kind: 'action', actionId: pressed.actionId, ...(pressed.value !== undefined ? { value: pressed.value } : {}) };
    else if (line.startsWith('/')) {
      const [name = '', ...rest] = line.slice(1).split(' ');
      event = { ...base, kind: 'command', name: name.toLowerCase(), text: rest.join(' ').trim() };
    } else event = { ...base, kind: 'message', text: line };
    await handle(event, this.#responder(base.conversation));
  }

  #responder(conversation: ConversationRef): Responder {
    return {
      reply: (message, options) =>
        options?.ephemeral
          ? this.post(conversation, { ...message, text: `(only you) ${message.text}`, ...(message.card ? { card: message.card } : {}) })
          : this.post(conversation, message),
      updateSource: async (message) => {
        this.#pressables.set(conversation, pressables(message.card));
        this.#write(`(updated) ${renderMessage(message)}`);
      },
    };
  }

  async #meta(line: string, quit: () => void): Promise<void> {
    const meta = parseMeta(line);
    switch (meta.kind) {
      case 'as':
        this.#user = meta.name;
        return;
      case 'in':
        this.#conversation = this.#room(meta.room);
        return;
      case 'dm':
        this.#conversation = conversationRef('shell', 'dm', this.#user);
        return;
      case 'run':
        this.#write(await this.options.runJob(meta.job));
        return;
      case 'rooms':
        this.#write([...this.#rooms].map((r) => '#' + r).join('  '));
        return;
      case 'help':
        this.#write(META_HELP);
        return;
      case 'quit':
        quit();
        return;
      case 'invalid':
        this.#write(`Usage: ${meta.usage}`);
    }
  }

  #room(name: string): ConversationRef {
    this.#rooms.add(name);
    return conversationRef('shell', 'room', name);
  }

  #isDirect(ref: ConversationRef): boolean {
    const [kind, who] = refParts(ref);
    return kind === 'dm' && who === this.#user;
  }

  #label(ref: ConversationRef): string {
    const [kind, name] = refParts(ref);
    return kind === 'dm' ? `DM @${name}` : `#${name}`;
  }

  #promptText(): string {
    return `[${this.#user} ➜ ${this.#label(this.#conversation).replace(/^DM @.*/, 'DM')}] `;
  }

  #prompt(): void {
    if (this.options.interactive) this.options.output.write(this.#promptText());
  }

  #write(text: string): void {
    this.options.output.write(text + '\n');
  }

  async #attachments(message: OutboundMessage): Promise<string> {
    if (!message.attachments?.length) return '';
    await mkdir(this.options.filesDir, { recursive: true });
    const paths: string[] = [];
    for (const file of message.attachments) {
      const path = join(this.options.filesDir, file.filename);
      await writeFile(path, Buffer.from(file.base64, 'base64'));
      paths.push(`\n📎 ${file.filename} → ${path}`);
    }
    return paths.join('');
  }
}
