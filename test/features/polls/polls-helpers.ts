// Helpers for the polls tests: a test app whose in-memory adapter records message edits, and the
// poll card's buttons read the way a person sees them.
import type { MessageRef, OutboundMessage } from '../../../src/core/index.ts';
import { createTestApp, type TestApp } from '../../fakes/test-app.ts';

export interface PollsApp extends TestApp {
  /** Every edit of a posted message, in order. */
  updates: Array<{ ref: MessageRef; message: OutboundMessage }>;
  /** Runs after each recorded edit: a test can act there as another replica would. */
  afterUpdate?: () => Promise<void>;
}

export async function createPollsApp(env: Record<string, string> = {}): Promise<PollsApp> {
  const app = await createTestApp({ FILIERA_ANONYMITY_MIN: '2', ...env });
  const updates: PollsApp['updates'] = [];
  // The memory adapter ignores edits; here they are what the test watches.
  const polls: PollsApp = Object.assign(app, { updates });
  const adapter: { update(ref: MessageRef, message: OutboundMessage): Promise<void> } = app.adapter;
  adapter.update = async (ref, message) => {
    updates.push({ ref, message });
    await polls.afterUpdate?.();
  };
  return polls;
}

export const buttonsOf = (message: OutboundMessage | undefined) =>
  (message?.card?.blocks ?? []).flatMap((b) => (b.type === 'actions' ? b.controls : [])).flatMap((c) => (c.type === 'button' ? [c] : []));

/** The value of the vote button labelled `label`. */
export function voteButton(message: OutboundMessage | undefined, label: string): string {
  const found = buttonsOf(message).find((b) => b.actionId === 'poll:vote' && b.label === label);
  if (!found?.value) throw new Error(`no vote button "${label}" in ${message?.text}`);
  return found.value;
}

/** The card as one text: title and every text block. */
export const cardText = (message: OutboundMessage | undefined) =>
  [message?.card?.title ?? '', ...(message?.card?.blocks ?? []).flatMap((b) => (b.type === 'text' ? [b.markdown] : []))].join('\n');

export const lastUpdate = (app: PollsApp) => app.updates.at(-1)?.message;
