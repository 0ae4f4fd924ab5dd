// Several processes of the bot ("replicas") may run on one PostgreSQL database. Two things the core and
// adapters must ask about: how much of a platform's send budget this replica may use, and whether this
// replica holds a duty only one may hold at a time (Discord's gateway connection). On SQLite there is
// one replica, and both answers are trivial (soleReplica).
import type { Platform } from './refs.ts';

/**
 * The rule: a platform's budget (messages per second) is split evenly between the live replicas,
 * because every replica claims from the same outbox and so carries about the same share of a backlog.
 * The share is read from memory (refreshed by the replica heartbeat), never a database call per send.
 */
export interface BudgetShare {
  /** The fraction, in (0, 1], of each platform budget this replica may spend now. */
  fraction(platform: Platform): number;
}

/** A duty only one replica holds at a time, handed over when its holder dies. */
export interface Leadership {
  /**
   * Competes for `duty` in the background: `lead` runs when this replica wins it and returns how to let
   * go, called when the replica loses it (its database connection broke) or stops. Resolves at once.
   */
  contend(duty: string, lead: () => Promise<() => Promise<void>>): Promise<void>;
}

/**
 * Runs one person's events one after another across replicas: two messages of one person may reach
 * two replicas at once (Slack spreads Socket Mode events over the connections; a load balancer spreads
 * HTTP requests), and a questionnaire must see its answers in order.
 */
export interface PersonSerializer {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
}

/** The single-process answers: the whole budget, every duty held at once (waiting for `lead`), no one to wait for. */
export const soleReplica: BudgetShare & Leadership & PersonSerializer = {
  fraction: () => 1,
  async contend(_duty, lead) {
    await lead();
  },
  run: (_key, work) => work(),
};

/** A budget in messages per second, scaled to this replica's share (never below a trickle). */
export function sharedRate(ratePerSecond: number, share: BudgetShare, platform: Platform): number {
  if (ratePerSecond <= 0) return ratePerSecond;
  return Math.max(ratePerSecond * Math.min(1, Math.max(share.fraction(platform), 0)), 0.1);
}
