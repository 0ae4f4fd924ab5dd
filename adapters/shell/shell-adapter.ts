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
import { ButtonBook } from './shell-buttons.ts';
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
  /** Where message numbers and their buttons are kept across restarts; default <filesDir>/shell-buttons.json, null: nowhere. */
  stateFile?: string | null;
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
  readonly #book: ButtonBook;
  readonly #rooms = new Set<string>();
  #finish!: () => void;
  #handle: InboundHandler | null = null;
  #chain: Promise<void> = Promise.resolve();
  #quit: () => void = () => undefined;

  constructor(private readonly options: ShellAdapterOptions) {
    this.#user = options.user;
    this.#conversation = this.#room(options.room ?? 'general');
    this.closed = new Promise((resolve) => (this.#finish = resolve));
    this.#book = new ButtonBook(options.stateFile === undefined ? join(options.filesDir, 'shell-buttons.json') : options.stateFile);
  }

  get currentUser(): string {
    return this.#user;
  }

  /** Where typed lines go now (a room, or the current person's DM). */
  get currentConversation(): ConversationRef {
    return this.#conversation;
  }

  async start(handle: InboundHandler): Promise<void> {
    await this.#book.load();
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
    await this.#book.saved();
    this.#finish();
  }

  async post(to: ConversationRef, message: OutboundMessage): Promise<MessageRef> {
    const id = this.#book.next();
    const header = to === this.#conversation ? '' : `→ ${this.#label(to)}\n`;
    const buttons = pressables(message.card);
    this.#book.record(id, to, buttons);
    this.#write(header + renderMessage(message) + this.#later(id, buttons) + (await this.#attachments(message)));
    return { conversation: to, id: String(id) };
  }

  async update(message: MessageRef, next: OutboundMessage): Promise<void> {
    const buttons = pressables(next.card);
    this.#book.record(Number(message.id), message.conversation, buttons);
    this.#write(`(message ${message.id} in ${this.#label(message.conversation)} updated)\n${renderMessage(next)}${this.#later(Number(message.id), buttons)}`);
  }

  /** Under a message with buttons: how to press one later, from anywhere, even after a restart. */
  #later(id: number, buttons: Pressable[]): string {
    return buttons.length ? `\n  (message ${id}: type ${id}.<number> to press one of these later)` : '';
  }

  async openDirect(user: UserRef): Promise<ConversationRef> {
    return conversationRef('shell', 'dm', user.id);
  }

  resolveChannel(mention: string): ConversationRef | null {
    const name = mention.replace(/^#/, '').toLowerCase();
    return /^[a-z0-9][a-z0-9-]*$/.test(name) ? this.#room(name) : null;
  }

  async startThread(where: ConversationRef, opening: OutboundMessage, options: { title?: string; invite?: UserRef[] } = {}): Promise<ConversationRef> {
    const fallback = `thread-${Date.now().toString(36)}`;
    const slug = (options.title ?? fallback)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    const room = this.#room(slug || fallback);
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
    const press = this.#book.find(this.#conversation, line);
    // A button belongs to its message's conversation: pressing "12.2" from elsewhere acts there.
    const conversation = press?.conversation ?? this.#conversation;
    const base = {
      platform: 'shell' as const,
      user: { platform: 'shell' as const, id: this.#user },
      conversation,
      isDirect: this.#isDirect(conversation),
    };
    const source: MessageRef | undefined = press ? { conversation, id: String(press.message) } : undefined;
    let event: InboundEvent;
    if (press) {
      const { actionId, value } = press.pressable;
      event = { ...base, kind: 'action', actionId, ...(value !== undefined ? { value } : {}), source: source! };
    } else if (line.startsWith('/')) {
      const [name = '', ...rest] = line.slice(1).split(' ');
      event = { ...base, kind: 'command', name: name.toLowerCase(), text: rest.join(' ').trim() };
    } else event = { ...base, kind: 'message', text: line };
    await handle(event, this.#responder(conversation, source));
  }

  #responder(conversation: ConversationRef, source?: MessageRef): Responder {
    return {
      reply: (message, options) =>
        options?.ephemeral
          ? this.post(conversation, { ...message, text: `(only you) ${message.text}`, ...(message.card ? { card: message.card } : {}) })
          : this.post(conversation, message),
      ...(source ? { updateSource: (message: OutboundMessage) => this.update(source, message) } : {}),
    };
  }

  async #meta(line: string, quit: () => void): Promise<void> {
    const meta = parseMeta(line);
    switch (meta.kind) {
      case 'as': {
        // Someone else's direct conversation is not theirs to read: move to the new person's.
        const wasDirect = this.#isDirect(this.#conversation);
        this.#user = meta.name;
        if (wasDirect) this.#conversation = conversationRef('shell', 'dm', this.#user);
        return;
      }
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

  /** "shell:dm:<id>": an id may itself hold ":" (an e-mail-like handle, "org:name"), so it is the whole rest. */
  #parts(ref: ConversationRef): { kind: string; name: string } {
    const [kind = '', ...rest] = refParts(ref);
    return { kind, name: rest.join(':') };
  }

  #isDirect(ref: ConversationRef): boolean {
    const { kind, name } = this.#parts(ref);
    return kind === 'dm' && name === this.#user;
  }

  #label(ref: ConversationRef): string {
    const { kind, name } = this.#parts(ref);
    return kind === 'dm' ? `DM @${name}` : `#${name}`;
  }

  #promptText(): string {
    return `[${this.#user} ➜ ${this.#isDirect(this.#conversation) ? 'DM' : this.#label(this.#conversation)}] `;
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
