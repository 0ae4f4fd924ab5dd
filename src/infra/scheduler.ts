// The Scheduler on node-cron. A tick never does work directly: it claims the occurrence it stands for
// ("<job>@<fire time>") as a row, and only the winner runs the job, whichever replica ticks first. On
// start every job catches up on its latest missed occurrence, so work that fell due while the bot was
// down runs once; work a dead replica left unfinished runs once more (recover, also on each heartbeat).
// Two cron libraries, on purpose: node-cron (the project's scheduler) ticks, with time zones and no
// overlapping runs, but cannot tell the occurrence before a given time; cron-parser can, and both the
// catch-up and the occurrence keys need exactly that.
import { CronExpressionParser } from 'cron-parser';
import cron, { type ScheduledTask } from 'node-cron';
import type { Clock, JobDefinition, Logger, Scheduler } from '../core/index.ts';
import type { WorkClaims } from './prisma/prisma-work.ts';

export class CronScheduler implements Scheduler {
  readonly #jobs = new Map<string, JobDefinition>();
  readonly #tasks: ScheduledTask[] = [];

  constructor(private readonly deps: { work: WorkClaims; clock: Clock; logger: Logger; defaultTimeZone: string }) {}

  register(job: JobDefinition): void {
    if (!cron.validate(job.cron)) throw new Error(`job ${job.name}: invalid cron expression "${job.cron}"`);
    if (this.#jobs.has(job.name)) throw new Error(`job ${job.name} registered twice`);
    this.#jobs.set(job.name, job);
  }

  jobs(): readonly JobDefinition[] {
    return [...this.#jobs.values()];
  }

  /** The latest fire time of a job at or before `now`. */
  lastOccurrence(job: JobDefinition, now: Date): Date {
    const expression = CronExpressionParser.parse(job.cron, {
      currentDate: new Date(now.getTime() + 1000),
      tz: job.timeZone ?? this.deps.defaultTimeZone,
    });
    return expression.prev().toDate();
  }

  /** Claims and runs the occurrence due at `now`, if nobody ran it yet. Returns whether it ran. */
  async runDue(job: JobDefinition, now = this.deps.clock.now()): Promise<boolean> {
    const at = this.lastOccurrence(job, now);
    const key = `${job.name}@${at.toISOString()}`;
    if (!(await this.deps.work.claim(key, job.name, at))) return false;
    await this.#runClaimed(job, key, at, now);
    return true;
  }

  /** Runs, once more, the occurrences dead replicas (or a crashed earlier run) left unfinished. Returns how many. */
  async recover(): Promise<number> {
    let ran = 0;
    for (const item of await this.deps.work.abandoned([...this.#jobs.keys()], 100)) {
      const job = this.#jobs.get(item.job);
      if (!job || !(await this.deps.work.claim(item.key, item.job, item.dueAt))) continue;
      await this.#runClaimed(job, item.key, item.dueAt, this.deps.clock.now());
      ran++;
    }
    return ran;
  }

  async #runClaimed(job: JobDefinition, key: string, at: Date, now: Date): Promise<void> {
    try {
      const summary = await job.run({ now, manual: false });
      await this.deps.work.done(key, this.deps.clock.now());
      this.deps.logger.info({ job: job.name, occurrence: at.toISOString(), summary }, 'job ran');
    } catch (error) {
      await this.deps.work.failed(key, String((error as Error)?.message ?? error));
      this.deps.logger.error({ err: error, job: job.name }, 'job failed');
    }
  }

  /** Runs what dead replicas left, catches up on missed occurrences, then ticks with node-cron until stopped. */
  async start(): Promise<void> {
    await this.recover();
    for (const job of this.#jobs.values()) await this.runDue(job);
    for (const job of this.#jobs.values()) {
      this.#tasks.push(
        cron.schedule(job.cron, () => this.runDue(job).then(() => undefined), {
          name: job.name,
          timezone: job.timeZone ?? this.deps.defaultTimeZone,
          noOverlap: true,
        }),
      );
    }
  }

  async stop(): Promise<void> {
    for (const task of this.#tasks.splice(0)) await task.destroy();
  }

  async runNow(name: string): Promise<{ ok: true; summary: string } | { ok: false; known: string[] }> {
    const job = this.#jobs.get(name);
    if (!job) return { ok: false, known: [...this.#jobs.keys()] };
    const summary = await job.run({ now: this.deps.clock.now(), manual: true });
    return { ok: true, summary: summary ?? `${name}: done` };
  }
}
