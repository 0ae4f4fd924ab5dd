// What Slack sends an app over HTTP: slash commands, interactive payloads and Events API callbacks,
// signed with the v0 HMAC scheme (or deliberately mis-signed), plus the payload shapes themselves.
import { createHmac } from 'node:crypto';

type Json = Record<string, any>;
export const SIGNING_SECRET = 'test-signing-secret-0000';
export const TEAM = 'T1';

export interface Delivery {
  body: string;
  contentType: 'application/x-www-form-urlencoded' | 'application/json';
}

export const sign = (secret: string, timestamp: number, body: string): string =>
  `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;

export interface SendOptions {
  secret?: string;
  timestamp?: number;
  signature?: string;
  headers?: Record<string, string>;
}

/** POSTs a delivery to the app's /slack/events as Slack would; returns status and body. */
export async function sendSigned(port: number, delivery: Delivery, options: SendOptions = {}): Promise<{ status: number; body: string }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = options.signature ?? sign(options.secret ?? SIGNING_SECRET, timestamp, delivery.body);
  const response = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    body: delivery.body,
    headers: { 'content-type': delivery.contentType, 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature, ...options.headers },
  });
  return { status: response.status, body: await response.text() };
}

let counter = 0;
const next = (prefix: string) => `${prefix}${++counter}`;

export function slashCommandPayload(input: { command: string; text?: string; user: string; channel: string; responseUrl: string; triggerId?: string }): Json {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM,
    team_domain: 'fake',
    channel_id: input.channel,
    channel_name: input.channel.startsWith('D') ? 'directmessage' : 'general',
    user_id: input.user,
    user_name: input.user.toLowerCase(),
    command: input.command,
    text: input.text ?? '',
    api_app_id: 'A1',
    response_url: input.responseUrl,
    trigger_id: input.triggerId ?? next('trigger-'),
  };
}

export const slashCommand = (input: Parameters<typeof slashCommandPayload>[0]): Delivery => ({
  contentType: 'application/x-www-form-urlencoded',
  body: new URLSearchParams(slashCommandPayload(input) as Record<string, string>).toString(),
});

export const interactive = (payload: Json): Delivery => ({
  contentType: 'application/x-www-form-urlencoded',
  body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
});

export function eventEnvelope(event: Json, eventId = next('Ev')): Json {
  return { token: 'legacy', team_id: TEAM, api_app_id: 'A1', type: 'event_callback', event_id: eventId, event_time: Math.floor(Date.now() / 1000), event };
}

export const eventCallback = (event: Json, eventId?: string): Delivery => ({
  contentType: 'application/json',
  body: JSON.stringify(eventEnvelope(event, eventId)),
});

export function dmMessage(user: string, text: string): Json {
  return { type: 'message', channel: `D${user.replace(/^U/, '')}`, channel_type: 'im', user, text, ts: `${1700000000 + ++counter}.000100` };
}

/** A view_submission for a modal the fake recorded (views.open args.view), with the person's answers. */
export function viewSubmission(user: string, view: Json, state: Record<string, Json>): Json {
  return {
    type: 'view_submission',
    team: { id: TEAM },
    user: { id: user, team_id: TEAM },
    api_app_id: 'A1',
    trigger_id: next('trigger-'),
    view: { ...view, id: next('V'), hash: next('h'), team_id: TEAM, app_id: 'A1', bot_id: 'BBOT', state: { values: state } },
  };
}

/** A button press on a message the fake recorded. */
export function blockAction(user: string, channel: string, message: Json, element: Json, responseUrl: string): Json {
  return {
    type: 'block_actions',
    team: { id: TEAM },
    user: { id: user, team_id: TEAM },
    api_app_id: 'A1',
    trigger_id: next('trigger-'),
    container: { type: 'message', message_ts: message.ts, channel_id: channel, is_ephemeral: false },
    channel: { id: channel, name: 'x' },
    message: { type: 'message', ts: message.ts, text: message.text, blocks: message.blocks, user: 'UBOT' },
    response_url: responseUrl,
    actions: [{ ...element, block_id: 'b', action_ts: `${1700000000 + ++counter}.1` }],
  };
}
