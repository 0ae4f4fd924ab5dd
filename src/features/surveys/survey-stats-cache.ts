// Benchmark aggregates by wave, read from storage once (at start for the waves open then) and then
// updated with each response this process stores, so a submission never re-reads its wave. Answers
// stored by other replicas arrive with a periodic refresh, done in the background (none on SQLite, where no
// other process stores any): the submission
// that notices it is due still answers from the aggregates it has. Identified answers are kept by unit (they can change until the
// close); anonymous ones are only added, never linked to anyone, not even in memory.
import type { FormValues } from '../../core/index.ts';
import { WaveStats } from './survey-benchmark.ts';
import type { SurveyRepository } from './survey-repository.ts';
import type { ResponseStatus, Wave } from './survey.ts';

interface Entry {
  stats: WaveStats;
  units: Map<string, FormValues>;
  loadedAt: number;
}

interface Recorded {
  unitKey: string;
  status: ResponseStatus;
  answers: FormValues;
}

export class WaveStatsCache {
  readonly #entries = new Map<string, Entry>();
  /**
   * Reads under way (one per wave at a time), with the identified responses this process stored
   * meanwhile: the read may have missed them, so they are applied again to what it returns (a
   * unit's answers replace its earlier ones, so one the read did see changes nothing).
   */
  readonly #loading = new Map<string, { done: Promise<Entry>; recorded: Recorded[] }>();

  constructor(
    private readonly repo: Pick<SurveyRepository, 'answers'>,
    private readonly now: () => Date,
    private readonly onError: (error: unknown) => void,
    /** How long aggregates serve before being read again; null: never (no other process stores responses). */
    private readonly refreshMs: number | null,
  ) {}

  /** The wave's aggregates: read on first use unless warm() read them before. */
  async get(wave: Wave): Promise<WaveStats> {
    const now = this.now().getTime();
    const entry = this.#entries.get(wave.id);
    if (!entry) return (await this.#load(wave)).stats;
    const stale = this.refreshMs !== null && (now - entry.loadedAt >= this.refreshMs || now < entry.loadedAt);
    if (stale && !this.#loading.has(wave.id)) {
      this.#load(wave).catch((error: unknown) => this.onError(error));
    }
    return entry.stats;
  }

  /** Reads the wave's aggregates ahead of its first submission (at start), so no person waits for the wave's size. */
  async warm(wave: Wave): Promise<void> {
    if (!this.#entries.has(wave.id)) await this.#load(wave);
  }

  /** One response stored by this process: replaces the unit's earlier answers, or adds an anonymous one. */
  record(wave: Wave, unitKey: string, status: ResponseStatus, answers: FormValues): void {
    if (!wave.anonymous) this.#loading.get(wave.id)?.recorded.push({ unitKey, status, answers });
    const entry = this.#entries.get(wave.id);
    if (!entry) return;
    if (wave.anonymous) return entry.stats.add(answers);
    replace(entry, { unitKey, status, answers });
  }

  #load(wave: Wave): Promise<Entry> {
    const under = this.#loading.get(wave.id);
    if (under) return under.done;
    const recorded: Recorded[] = [];
    const done = this.#read(wave, recorded).finally(() => this.#loading.delete(wave.id));
    this.#loading.set(wave.id, { done, recorded });
    return done;
  }

  async #read(wave: Wave, recorded: Recorded[]): Promise<Entry> {
    const loadedAt = this.now().getTime();
    const stats = new WaveStats(wave.definition);
    const units = new Map<string, FormValues>();
    const rows = await this.repo.answers(wave.id);
    stats.addAll(rows.map((row) => row.answers));
    for (const row of rows) if (row.unitKey) units.set(row.unitKey, row.answers);
    const entry = { stats, units, loadedAt };
    for (const response of recorded) replace(entry, response);
    this.#entries.set(wave.id, entry);
    return entry;
  }
}

/** An identified response in place of the unit's earlier one; only final ones count. */
function replace(entry: Entry, { unitKey, status, answers }: Recorded): void {
  const before = entry.units.get(unitKey);
  if (before) {
    entry.stats.remove(before);
    entry.units.delete(unitKey);
  }
  if (status === 'final') {
    entry.stats.add(answers);
    entry.units.set(unitKey, answers);
  }
}
