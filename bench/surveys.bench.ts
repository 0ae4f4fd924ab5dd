// Survey figures. Submissions go through Bot.handle as a modal's submission would (member lookup,
// delivery dedupe, validation, storage, the benchmark in the reply): whole responses per second on an
// empty wave and with 10,000 responses already in it, and their ratio (a submission must not cost
// more as the wave grows). Then results + chart + CSV over those responses. Prints `name: value` lines.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { createApp, type App } from '../src/app/create-app.ts';
import type { FormValues, InboundEvent, MemberDirectory } from '../src/core/index.ts';
import { definitionFrom } from '../src/features/surveys/survey-import.ts';
import { surveyQuestions, type SurveyDefinition } from '../src/features/surveys/survey-definition.ts';
import { exportReport, resultsReport, type ReportDeps } from '../src/features/surveys/survey-reports.ts';
import { loadConfig } from '../src/infra/config.ts';
import { createI18n } from '../src/infra/i18n.ts';
import { createPrismaSurveys } from '../src/infra/prisma/prisma-surveys.ts';
import { writeSpreadsheetCsv } from '../src/infra/csv.ts';
import { createChartRenderer } from '../src/infra/surveys/chart-renderer.ts';
import { createSurveySources } from '../src/infra/surveys/survey-files.ts';
import { MemoryAdapter } from '../test/fakes/memory-adapter.ts';
import { recordingLogger } from '../test/fakes/test-app.ts';

const root = resolve(import.meta.dirname, '..');
/** Responses already in the wave for the second measure. */
const PRESENT = Number(process.env.BENCH_SURVEY_PRESENT ?? 10_000);
/** Submissions timed in each measure. */
const TIMED = Number(process.env.BENCH_SURVEY_TIMED ?? 2_000);
const SURVEY = 'bench-managers';

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

async function startApp(dbFile: string): Promise<App & { adapter: MemoryAdapter }> {
  const config = { ...loadConfig({ DATABASE_URL: dbFile, FILIERA_SEED: '0' }), adapters: [] };
  const adapter = new MemoryAdapter();
  const app = await createApp(config, {
    input: new PassThrough(),
    output: new PassThrough(),
    interactive: false,
    logger: recordingLogger(),
    adapters: [adapter],
  });
  await app.start();
  await app.sender.stop();
  return Object.assign(app, { adapter });
}

/** Members m<from>..m<to-1>, as the platform would have created them (the privacy notice already seen). */
async function addMembers(app: App, from: number, to: number): Promise<void> {
  const now = new Date();
  for (let i = from; i < to; i += 1000) {
    const ids = Array.from({ length: Math.min(1000, to - i) }, (_, k) => i + k);
    await app.db.member.createMany({
      data: ids.map((n) => ({
        id: `member-${n}`,
        platform: 'shell',
        platformId: `m${n}`,
        displayName: `M ${n}`,
        language: 'en',
        privacyNoticeAt: now,
        createdAt: now,
        updatedAt: now,
      })),
    });
    await app.db.memberIdentity.createMany({
      data: ids.map((n) => ({ platform: 'shell', platformId: `m${n}`, memberId: `member-${n}`, displayName: `M ${n}`, createdAt: now })),
    });
  }
}

const submission = (n: number, waveId: string, values: FormValues): InboundEvent => ({
  kind: 'form_submit',
  platform: 'shell',
  user: { platform: 'shell', id: `m${n}` },
  conversation: `shell:dm:m${n}` as never,
  isDirect: true,
  deliveryId: `bench-${waveId}-${n}`,
  formId: 'survey:answer',
  context: waveId,
  values,
});

/** Whole responses per second, each one Bot.handle call that must end in the thank-you reply. */
async function submitRate(app: App & { adapter: MemoryAdapter }, waveId: string, def: SurveyDefinition, from: number, count: number): Promise<number> {
  const inputs = Array.from({ length: count }, (_, k) => answersFor(def, from + k));
  const started = performance.now();
  for (let k = 0; k < count; k++) {
    const [reply] = await app.adapter.inject(submission(from + k, waveId, inputs[k]!));
    if (!reply?.text.startsWith('Thank you')) throw new Error(`submission ${from + k} not recorded: ${reply?.text.slice(0, 200)}`);
    if (process.env.BENCH_VERBOSE && k % 250 === 249) console.error(`${k + 1}: ${Math.round((k + 1) / ((performance.now() - started) / 1000))}/s`);
  }
  return count / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'filiera-bench-surveys-'));
  const dbFile = join(dir, 'bench.db');
  let app = await startApp(dbFile);
  try {
    const loaded = definitionFrom(await createSurveySources({ dir: join(root, 'surveys') }).file('cluster-managers.yaml'));
    if (!loaded.ok) throw new Error('built-in questionnaire does not load');
    // One response per person, open in a channel (anyone may answer): the same questions as the built-in one.
    const def: SurveyDefinition = { ...loaded.definition, id: SURVEY, responseUnit: 'person' };
    const warmDef: SurveyDefinition = { ...def, id: `${SURVEY}-warm` };
    const repo = createPrismaSurveys(app.db, { now: () => new Date(), sleep: async () => undefined });
    const open = async (d: SurveyDefinition) => {
      const imported = await repo.importDefinition(d, 'bench', new Date());
      if (!('wave' in imported) || typeof imported.wave === 'string') throw new Error('import failed');
      await repo.openWave(
        imported.wave.id,
        { anonymous: false, closesAt: null, invited: [], channels: ['shell:room:general'], respondents: {}, openedAt: new Date() },
        [],
      );
      return imported.wave.id;
    };
    const waveId = await open(def);
    const warmId = await open(warmDef);
    await addMembers(app, 0, PRESENT + 3 * TIMED);

    // Warm-up on another wave: module loading and the JIT are start-up costs, not a submission's.
    await submitRate(app, warmId, warmDef, 0, 300);
    const empty = await submitRate(app, waveId, def, 0, TIMED);

    // 10,000 more responses written in bulk, then a restart so nothing about the wave is cached:
    // the timed submissions pay for whatever the wave's size costs.
    const base = TIMED;
    const rows = Array.from({ length: PRESENT }, (_, k) => {
      const i = base + k;
      return {
        waveId,
        unitKey: `member:member-${i}`,
        memberId: `member-${i}`,
        status: 'final',
        language: i % 3 ? 'en' : 'it',
        answers: JSON.stringify(answersFor(def, i)),
        country: null,
        updatedAt: new Date(),
      };
    });
    for (let i = 0; i < rows.length; i += 1000) await app.db.surveyResponse.createMany({ data: rows.slice(i, i + 1000) });
    await app.stop();
    app = await startApp(dbFile);
    await submitRate(app, warmId, warmDef, 300, 300);
    const atTenThousand = await submitRate(app, waveId, def, base + PRESENT, TIMED);
    console.log(`survey.submit_per_s_empty: ${Math.round(empty)}`);
    console.log(`survey.submit_per_s_at_10k: ${Math.round(atTenThousand)}`);
    console.log(`survey.submit_flatness: ${(atTenThousand / empty).toFixed(2)}`);

    // Results + chart + CSV over every response of the wave.
    const total = TIMED + PRESENT + TIMED;
    const i18n = createI18n(join(root, 'locales'), 'en');
    const t = i18n.translator('en');
    const members: MemberDirectory = { get: async () => null } as unknown as MemberDirectory;
    const reports: ReportDeps = {
      repo: createPrismaSurveys(app.db, { now: () => new Date(), sleep: async () => undefined }),
      members,
      minSlice: 5,
      chart: createChartRenderer(),
      csv: writeSpreadsheetCsv,
      now: () => new Date(),
      translator: (l) => i18n.translator(l),
    };
    const current = (await reports.repo.waveById(waveId))!;
    await resultsReport(reports, current, 'en', t); // warm-up: module and font loading are start-up costs
    const before = performance.now();
    const results = await resultsReport(reports, current, 'en', t);
    const csv = await exportReport(reports, current, 'en', t, true);
    const resultsMs = performance.now() - before;
    if (!new RegExp(`${total / 1000}[,.]?000 responses`).test(results.text) || !csv.attachments?.length)
      throw new Error(`results did not cover every response (${total})`);
    if (reports.chart.available && !results.attachments?.length) throw new Error('no chart');

    console.log(`survey.results_10k_ms: ${Math.round(resultsMs)}`);
  } finally {
    await app.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
