// Slack identities in neutral form: conversation refs ("slack:<channel>" or "slack:<channel>:<thread_ts>"),
// channel mentions as typed in commands, and Slack's escaped mentions in slash-command text.
import { conversationRef, refParts, type ConversationRef } from '../../src/core/index.ts';

export interface SlackPlace {
  channel: string;
  threadTs?: string;
}

export function slackRef(channel: string, threadTs?: string): ConversationRef {
  return threadTs ? conversationRef('slack', channel, threadTs) : conversationRef('slack', channel);
}

export function decodeRef(ref: ConversationRef): SlackPlace {
  const [channel, threadTs] = refParts(ref);
  if (!ref.startsWith('slack:') || !channel) throw new Error(`not a Slack conversation: ${ref}`);
  return threadTs ? { channel, threadTs } : { channel };
}

const CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;

/** "<#C123|name>", "<#C123>", "#C123" or "C123"; a bare channel name cannot be resolved offline. */
export function resolveChannelMention(mention: string): ConversationRef | null {
  const trimmed = mention.trim();
  const escaped = /^<#([A-Z0-9]+)(\|[^>]*)?>$/.exec(trimmed);
  const id = escaped ? escaped[1]! : trimmed.replace(/^#/, '');
  return CHANNEL_ID.test(id) ? slackRef(id) : null;
}

/** Slack escapes mentions in command text (`should_escape`): "<@U1|anna>" → "@U1", "<#C1|x>" → "#C1". */
export function normaliseCommandText(text: string): string {
  return text
    .replace(/<@([UW][A-Z0-9]+)(\|[^>]*)?>/g, '@$1')
    .replace(/<#([CGD][A-Z0-9]+)(\|[^>]*)?>/g, '#$1')
    .replace(/<!subteam\^([A-Z0-9]+)(\|[^>]*)?>/g, '@$1')
    .replace(/<(https?:\/\/[^|>]+)(\|[^>]*)?>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}
