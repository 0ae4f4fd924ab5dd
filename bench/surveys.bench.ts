// Survey figures: answers recorded per second on SQLite (validation + storage of the whole built-in
// questionnaire), and results + chart + CSV for 10,000 responses. Prints `name: value` lines.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FormValues, Member, MemberDirectory, Outbox } from '../src/core/index.ts';
import { definitionFrom } from '../src/features/surveys/survey-import.ts';
import { surveyQuestions, type SurveyDefinition } from '../src/features/surveys/survey-definition.ts';
import { exportReport, resultsReport, type ReportDeps } from '../src/features/surveys/survey-reports.ts';
import { SurveyService } from '../src/features/surveys/survey-service.ts';
import { createI18n } from '../src/infra/i18n.ts';
import { openDatabase } from '../src/infra/prisma/prisma-client.ts';
import { createPrismaSurveys } from '../src/infra/prisma/prisma-surveys.ts';
import { createChartRenderer } from '../src/infra/surveys/chart-renderer.ts';
import { writeSpreadsheetCsv } from '../src/infra/csv.ts';
import { createSurveySources } from '../src/infra/surveys/survey-files.ts';

const root = resolve(import.meta.dirname, '..');
const ANSWERS = 3000;
const RESPONSES = 10_000;

/** A plausible full response; `i` varies it so results have spread. */
function answersFor(def: SurveyDefinition, i: number): FormValues {
  const values: FormValues = {};
  for (const { question: q } of surveyQuestions(def)) {
    if (q.type === 'single') values[q.code] = q.options[(i + q.code.length) % q.options.length]!.code;
    else if (q.type === 'multiple') values[q.code] = [q.options[i % q.options.length]!.code, q.options[(i + 1) % q.options.length]!.code];
    else if (q.type === 'scale') values[q.code] = String(q.min + ((i * 7 + q.code.length) % (q.max - q.min + 1)));
    else if (q.type === 'number') values[q.code] = String(Math.min(q.max ?? 100, (q.min ?? 0) + (i % 50)));
    else values[q.code] = `answer ${i}`;
  }
  // Skip logic: "no" cooperation hides the questions it jumps over.
  if (values.COOPERATION === 'no') for (const code of ['COOPERATION_PARTNERS', 'INT_REASONS']) delete values[code];
  return values;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'filiera-bench-surveys-'));
  const db = await openDatabase(join(dir, 'bench.db'));
  try {
    const loaded = definitionFrom(await createSurveySources({ dir: join(root, 'surveys') }).file('cluster-managers.yaml'));
    if (!loaded.ok) throw new Error('built-in questionnaire does not load');
    const def = { ...loaded.definition, responseUnit: 'person' as const };
    const repo = createPrismaSurveys(db, { now: () => new Date(), sleep: async () => undefined });
    const i18n = createI18n(join(root, 'locales'), 'en');
    const t = i18n.translator('en');
    const members: MemberDirectory = { get: async () => null } as unknown as MemberDirectory;
    const outbox: Outbox = { enqueue: async () => ({ claimed: true, enqueued: 0 }) };
    const service = new SurveyService({
      repo,
      outbox,
      members,
      now: () => new Date(),
      timeZone: 'Europe/Rome',
      minSlice: 5,
      languageOf: () => 'en',
      translator: (l) => i18n.translator(l),
    });

    const imported = await repo.importDefinition(def, 'bench', new Date());
    if (!('wave' in imported) || typeof imported.wave === 'string') throw new Error('import failed');
    const wave = imported.wave;
    await repo.openWave(wave.id, { anonymous: false, closesAt: null, invited: [], channels: [], respondents: {}, openedAt: new Date() }, []);

    const member = (i: number): Member => ({
      id: `m${i}`,
      platform: 'shell',
      platformId: `m${i}`,
      displayName: `M ${i}`,
      role: 'member',
      language: 'en',
      timeZone: null,
      country: null,
      cluster: null,
    });
    const inputs = Array.from({ length: ANSWERS }, (_, i) => answersFor(def, i));
    const started = performance.now();
    for (let i = 0; i < ANSWERS; i++) {
      const outcome = await service.submit(member(i), wave.id, inputs[i]!, 'en', t);
      if (outcome.kind !== 'saved') throw new Error(`answer ${i} not saved: ${JSON.stringify(outcome)}`);
    }
    const perSecond = ANSWERS / ((performance.now() - started) / 1000);

    // 10,000 responses in total, written in bulk, then results + chart + CSV timed together.
    const rows = Array.from({ length: RESPONSES - ANSWERS }, (_, k) => {
      const i = ANSWERS + k;
      return {
        waveId: wave.id,
        unitKey: `member:m${i}`,
        memberId: `m${i}`,
        status: 'final',
        language: i % 3 ? 'en' : 'it',
        answers: JSON.stringify(answersFor(def, i)),
        country: null,
        updatedAt: new Date(),
      };
    });
    for (let i = 0; i < rows.length; i += 1000) await db.surveyResponse.createMany({ data: rows.slice(i, i + 1000) });
    const chart = createChartRenderer();
    const reports: ReportDeps = { repo, members, minSlice: 5, chart, csv: writeSpreadsheetCsv, now: () => new Date(), translator: (l) => i18n.translator(l) };
    const current = (await repo.waveById(wave.id))!;
    await resultsReport(reports, current, 'en', t); // warm-up: module and font loading are start-up costs
    const before = performance.now();
    const results = await resultsReport(reports, current, 'en', t);
    const csv = await exportReport(reports, current, 'en', t, true);
    const resultsMs = performance.now() - before;
    if (!results.text.includes(`${RESPONSES} responses`) || !csv.attachments?.length) throw new Error('results did not cover every response');
    if (chart.available && !results.attachments?.length) throw new Error('no chart');

    console.log(`survey.answers_per_s: ${Math.round(perSecond)}`);
    console.log(`survey.results_10k_ms: ${Math.round(resultsMs)}`);
  } finally {
    await db.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
