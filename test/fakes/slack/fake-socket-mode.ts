// A local fake of Slack's Socket Mode on the fake Web API's port: apps.connections.open hands out
// ws://127.0.0.1:<port>/link, the fake says hello, sends envelopes and collects the app's acks.
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import type { FakeSlack } from './fake-slack-api.ts';

type Json = Record<string, any>;

export class FakeSocketMode {
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #acks = new Map<string, (payload: Json | undefined) => void>();
  #socket: WebSocket | null = null;
  #connected: Promise<void>;
  #markConnected!: () => void;

  constructor(fake: FakeSlack) {
    this.#connected = new Promise((resolve) => (this.#markConnected = resolve));
    fake.onUpgrade = (req, socket, head) => {
      if (!req.url?.startsWith('/link')) return socket.destroy();
      this.#wss.handleUpgrade(req, socket, head, (ws) => this.#accept(ws));
    };
  }

  /** Resolves once the app has connected and been greeted. */
  connected(): Promise<void> {
    return this.#connected;
  }

  #accept(ws: WebSocket): void {
    this.#socket = ws;
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as Json;
      const resolve = typeof message.envelope_id === 'string' ? this.#acks.get(message.envelope_id) : undefined;
      if (resolve) {
        this.#acks.delete(message.envelope_id);
        resolve(message.payload as Json | undefined);
      }
    });
    ws.send(
      JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake', approximate_connection_time: 3600 }, connection_info: { app_id: 'A1' } }),
    );
    this.#markConnected();
  }

  /** Sends one envelope and resolves with the app's ack payload. */
  send(type: 'events_api' | 'slash_commands' | 'interactive', payload: Json, extra: Json = {}): Promise<Json | undefined> {
    if (!this.#socket) throw new Error('no Socket Mode connection');
    const envelopeId = randomUUID();
    const acked = new Promise<Json | undefined>((resolve) => this.#acks.set(envelopeId, resolve));
    this.#socket.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api', ...extra }));
    return acked;
  }

  async close(): Promise<void> {
    for (const client of this.#wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }
}
