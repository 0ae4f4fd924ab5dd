// Scheduled jobs as data. A tick only claims due work under unique keys, so missed runs catch up once.

export interface JobContext {
  now: Date;
  /** True for `:run <job>` and other on-demand runs. */
  manual: boolean;
}

export interface JobDefinition {
  /** kebab-case, used by `:run <name>`. */
  name: string;
  description: string;
  /** A cron expression (node-cron syntax) in `timeZone`. */
  cron: string;
  timeZone?: string;
  /** Idempotent: work done inside is keyed so running twice for one period does nothing new. */
  run(context: JobContext): Promise<string | void>;
}

export interface Scheduler {
  register(job: JobDefinition): void;
  jobs(): readonly JobDefinition[];
  /** Runs a job now; returns its summary line. Unknown names are an error value, not a throw. */
  runNow(name: string): Promise<{ ok: true; summary: string } | { ok: false; known: string[] }>;
}
