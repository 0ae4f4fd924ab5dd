// Benchmark aggregates by wave, read from storage once and then updated with each response this
// process stores, so a submission never re-reads its wave. Answers stored by other replicas arrive
// with a refresh every minute, done in the background: the submission that notices it is due still
// answers from the aggregates it has. Identified answers are kept by unit (they can change until the
// close); anonymous ones are only added, never linked to anyone, not even in memory.
import type { FormValues } from '../../core/index.ts';
import { WaveStats } from './survey-benchmark.ts';
import type { SurveyRepository } from './survey-repository.ts';
import type { ResponseStatus, Wave } from './survey.ts';

/** How long aggregates serve before being read again. */
const REFRESH_MS = 60_000;

interface Entry {
  stats: WaveStats;
  units: Map<string, FormValues>;
  loadedAt: number;
  refreshing: boolean;
}

export class WaveStatsCache {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly repo: Pick<SurveyRepository, 'answers'>,
    private readonly now: () => Date,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** The wave's aggregates: read on first use (the only time a caller waits for the wave's size). */
  async get(wave: Wave): Promise<WaveStats> {
    const now = this.now().getTime();
    const entry = this.#entries.get(wave.id);
    if (!entry) return (await this.#load(wave)).stats;
    if ((now - entry.loadedAt >= REFRESH_MS || now < entry.loadedAt) && !entry.refreshing) {
      entry.refreshing = true;
      this.#load(wave).catch((error: unknown) => {
        entry.refreshing = false;
        this.onError(error);
      });
    }
    return entry.stats;
  }

  /** One response stored by this process: replaces the unit's earlier answers, or adds an anonymous one. */
  record(wave: Wave, unitKey: string, status: ResponseStatus, answers: FormValues): void {
    const entry = this.#entries.get(wave.id);
    if (!entry) return;
    if (wave.anonymous) return entry.stats.add(answers);
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

  async #load(wave: Wave): Promise<Entry> {
    const loadedAt = this.now().getTime();
    const stats = new WaveStats(wave.definition);
    const units = new Map<string, FormValues>();
    for (const row of await this.repo.answers(wave.id)) {
      stats.add(row.answers);
      if (row.unitKey) units.set(row.unitKey, row.answers);
    }
    const entry = { stats, units, loadedAt, refreshing: false };
    this.#entries.set(wave.id, entry);
    return entry;
  }
}
