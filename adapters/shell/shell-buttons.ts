// The shell's buttons, kept per message so earlier messages' buttons still work: a bare number
// presses one on the newest message of the current conversation, "12.2" the second button of
// message 12 anywhere. Message numbers and buttons are saved to a small JSON file, so they survive a
// restart (accepting a proposal posted by yesterday's run still works).
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ConversationRef } from '../../src/core/index.ts';
import type { Pressable } from './shell-render.ts';

/** Older messages' buttons are forgotten past this many, so the file stays small. */
const KEPT = 500;

interface Saved {
  last: number;
  messages: Array<[number, { conversation: ConversationRef; pressables: Pressable[] }]>;
  newest: Array<[ConversationRef, number]>;
}

export interface Press {
  conversation: ConversationRef;
  message: number;
  pressable: Pressable;
}

export class ButtonBook {
  #last = 0;
  readonly #messages = new Map<number, { conversation: ConversationRef; pressables: Pressable[] }>();
  readonly #newest = new Map<ConversationRef, number>();
  #saving: Promise<void> = Promise.resolve();

  constructor(private readonly file: string | null) {}

  /** Reads what an earlier run saved; a missing or unreadable file starts afresh. */
  async load(): Promise<void> {
    if (!this.file) return;
    try {
      const saved = JSON.parse(await readFile(this.file, 'utf8')) as Saved;
      this.#last = Math.max(this.#last, saved.last);
      for (const [id, entry] of saved.messages) this.#messages.set(id, entry);
      for (const [conversation, id] of saved.newest) if (!this.#newest.has(conversation)) this.#newest.set(conversation, id);
    } catch {
      // First run, or a file from elsewhere: nothing to restore.
    }
  }

  /** The number of the next message; numbers keep growing across restarts. */
  next(): number {
    return ++this.#last;
  }

  /** A message was shown in a conversation, with these buttons (maybe none). */
  record(id: number, conversation: ConversationRef, pressables: Pressable[]): void {
    this.#newest.set(conversation, id);
    if (pressables.length) this.#messages.set(id, { conversation, pressables });
    else this.#messages.delete(id);
    for (const old of this.#messages.keys()) {
      if (this.#messages.size <= KEPT) break;
      this.#messages.delete(old);
    }
    this.#save();
  }

  /** What a typed line presses: "2" on the newest message in `conversation`, "12.2" on message 12; null if nothing. */
  find(conversation: ConversationRef, typed: string): Press | null {
    const match = /^(?:(\d+)\.)?(\d+)$/.exec(typed);
    if (!match) return null;
    const id = match[1] !== undefined ? Number(match[1]) : this.#newest.get(conversation);
    const entry = id !== undefined ? this.#messages.get(id) : undefined;
    const pressable = entry?.pressables[Number(match[2]) - 1];
    return entry && pressable && id !== undefined ? { conversation: entry.conversation, message: id, pressable } : null;
  }

  /** Resolves once everything recorded so far is on disk. */
  saved(): Promise<void> {
    return this.#saving;
  }

  #save(): void {
    const file = this.file;
    if (!file) return;
    const data: Saved = { last: this.#last, messages: [...this.#messages], newest: [...this.#newest] };
    this.#saving = this.#saving
      .then(async () => {
        await mkdir(dirname(file), { recursive: true });
        await writeFile(`${file}.tmp`, JSON.stringify(data));
        await rename(`${file}.tmp`, file);
      })
      .catch(() => undefined);
  }
}
