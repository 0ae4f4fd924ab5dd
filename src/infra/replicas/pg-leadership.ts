// Single-holder duties across replicas (Discord's gateway connection): a duty is held by whoever holds
// its advisory lock on their lock connection. Checked on every heartbeat: a replica that cannot reach
// the server lets go within one beat plus the probe timeout, before the server frees the lock for
// another replica (which needs the server to notice the dead session first), so two holders overlap
// rarely, and briefly; inbound dedupe in the database keeps even that overlap harmless.
import type { Leadership, Logger } from '../../core/index.ts';
import { dutyKey, LOCK_SPACE, type PgLockLink } from './pg-lock-link.ts';

interface Duty {
  key: number;
  lead: () => Promise<() => Promise<void>>;
  letGo: (() => Promise<void>) | null;
  /** The lock connection's session the duty's lock was taken in. */
  session: number;
}

export class PgLeadership implements Leadership {
  readonly #duties = new Map<string, Duty>();
  /** Ticks and let-gos run one at a time: a duty is never taken up twice by overlapping calls. */
  #queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly link: PgLockLink,
    private readonly logger: Logger,
  ) {}

  /** Registers the duty; the next heartbeat (tick) competes for it. */
  async contend(duty: string, lead: () => Promise<() => Promise<void>>): Promise<void> {
    if (this.#duties.has(duty)) throw new Error(`duty ${duty} contended twice`);
    this.#duties.set(duty, { key: dutyKey(duty), lead, letGo: null, session: 0 });
    await this.tick();
  }

  /** Holds on to what it has while the link is healthy, and competes for the rest. */
  tick(): Promise<void> {
    return this.#serial(() => this.#tick());
  }

  /** Lets go of every held duty: on stop, and when the lock connection is lost (its locks are gone). */
  letGoAll(): Promise<void> {
    return this.#serial(() => this.#letGoAll());
  }

  #serial(step: () => Promise<void>): Promise<void> {
    const next = this.#queue.then(step);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #tick(): Promise<void> {
    if (!this.link.healthy || !(await this.link.probe())) return this.#letGoAll();
    // Reconnected since a duty was taken: its lock died with the old session, so let go before competing again.
    if ([...this.#duties.values()].some((d) => d.letGo && d.session !== this.link.session)) await this.#letGoAll();
    for (const [name, duty] of this.#duties) {
      if (duty.letGo || !(await this.link.tryLock(LOCK_SPACE.duty, duty.key))) continue;
      this.logger.info({ duty: name }, 'this replica now holds the duty');
      try {
        duty.session = this.link.session;
        duty.letGo = await duty.lead();
      } catch (error) {
        // Could not take the duty up (the platform refused a login, say): leave it to another replica.
        this.logger.error({ err: error, duty: name }, 'could not take up the duty; releasing it');
        await this.link.unlock(LOCK_SPACE.duty, duty.key);
      }
    }
  }

  async #letGoAll(): Promise<void> {
    for (const [name, duty] of this.#duties) {
      const letGo = duty.letGo;
      if (!letGo) continue;
      duty.letGo = null;
      this.logger.info({ duty: name }, 'this replica lets go of the duty');
      await letGo().catch((error: unknown) => this.logger.error({ err: error, duty: name }, 'letting go of the duty failed'));
      if (this.link.healthy && duty.session === this.link.session) await this.link.unlock(LOCK_SPACE.duty, duty.key);
    }
  }
}
