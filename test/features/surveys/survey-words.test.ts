// The words people read: the invitation's question count is the questionnaire's, plurals are right
// in it/en/de, a closed survey says so when reminded, /survey show lists types, answers and skip
// rules, exports carry translated headers and a new file name each time.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../../src/infra/i18n.ts';
import { createTestApp, type TestApp } from '../../fakes/test-app.ts';
import { from } from '../../fakes/memory-adapter.ts';
import { parseSurveyDefinition } from '../../../src/features/surveys/survey-definition.ts';
import { exportRows } from '../../../src/features/surveys/survey-export.ts';
import { attachment, lastTo, parseCsv } from './survey-helpers.ts';

const apps: TestApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.stop().catch(() => undefined);
});
const start = async () => {
  const app = await createTestApp();
  apps.push(app);
  return app;
};

describe('survey words', () => {
  it('given an invitation → it announces as many questions as the questionnaire then asks', async () => {
    const app = await start();
    await app.adapter.inject(from('anna').command('survey', 'open cluster-managers to:@petra'));
    await app.sender.drain();
    const invited = /(\d+) questions/.exec(lastTo(app, 'petra').text)?.[1];
    await app.adapter.inject(from('petra', 'dm').command('survey', 'answer cluster-managers'));
    const intro = /\((\d+) questions\)/.exec(lastTo(app, 'petra').text)?.[1];
    expect(invited).toBeDefined();
    expect(invited).toBe(intro);
  });

  it('given one reminder and one response → singular in Italian, English and German', async () => {
    const app = await start();
    await app.adapter.inject(from('anna').command('survey', 'open demo to:@petra'));
    const [reply] = await app.adapter.inject(from('anna').command('survey', 'remind demo'));
    expect(reply?.text).toBe('1 reminder queued.');
    const i18n = createI18n(join(import.meta.dirname, '../../../locales'), 'en');
    const t = (language: string) => i18n.translator(language);
    expect(t('en')('surveys.responses', { count: 1 })).toBe('1 response');
    expect(t('it')('surveys.responses', { count: 1 })).toBe('1 risposta');
    expect(t('it')('surveys.reminded', { count: 1 })).toBe('1 promemoria in coda.');
    expect(t('de')('surveys.reminded', { count: 1 })).toBe('1 Erinnerung eingereiht.');
    expect(t('de')('surveys.reminded', { count: 2 })).toBe('2 Erinnerungen eingereiht.');
    expect(t('de')('surveys.question_count', { count: 1 })).toBe('1 Frage');
    expect(t('de')('surveys.question_count', { count: 3 })).toBe('3 Fragen');
  });

  it('given a closed survey → /survey remind says it is closed, not "not open yet"', async () => {
    const app = await start();
    await app.adapter.inject(from('anna').command('survey', 'open demo to:@petra'));
    await app.adapter.inject(from('anna').command('survey', 'close demo'));
    const [reply] = await app.adapter.inject(from('anna').command('survey', 'remind demo'));
    expect(reply?.text).toContain('Survey demo is closed: no reminders are sent');
    expect(reply?.text).not.toContain('not open yet');
  });

  it('given /survey show → every question with its type, answers and skip rule', async () => {
    const app = await start();
    const [reply] = await app.adapter.inject(from('anna').command('survey', 'show cluster-managers'));
    const text = reply?.text ?? '';
    expect(text).toContain('*COOPERATION* Has the cluster developed any cooperation with other districts or clusters so far? _(one choice)_');
    expect(text).toContain('↳ if “No”: skip to INT_BARRIERS');
    expect(text).toMatch(/\*MEMBER_FIRMS\* .* _\(number from 0 to 100000\)_/);
    expect(text).toMatch(/\*TRAINING_COMMUNICATION\* .* _\(scale 1–5 \(.+ … .+\)\)_/);
    expect(text).toMatch(/\*COMMENTS\* .* _\(long text, optional\)_/);
    expect(text).toContain('Other (please specify)');
  });

  it('given two exports in Italian → translated headers, BOM, a formula neutralised, a new file name each time', async () => {
    const app = await start();
    await app.adapter.inject(from('anna').command('survey', 'open demo to:@petra'));
    const wave = (await app.db.surveyWave.findFirstOrThrow({ where: { surveyId: 'demo' } })).id;
    await app.bot.handle(
      {
        kind: 'form_submit',
        platform: 'shell',
        user: { platform: 'shell', id: 'petra' },
        conversation: { platform: 'shell', kind: 'dm', id: 'petra' },
        isDirect: true,
        formId: 'survey:answer',
        context: wave,
        values: { PREFERRED_CHANNEL: 'web', WHY: '=HYPERLINK("http://x")' },
      } as never,
      { reply: async () => null },
    );
    const [first] = await app.adapter.inject(from('anna').command('survey', 'export demo language:it'));
    app.clock.advance(1000);
    const [second] = await app.adapter.inject(from('anna').command('survey', 'export demo language:it'));
    const csv = attachment(first, 'text/csv').toString('utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const [header, row] = parseCsv(csv.slice(1));
    expect(header).toEqual(['rispondente', 'cluster', 'paese', 'lingua', 'data', 'PREFERRED_CHANNEL', 'WHY']);
    expect(row?.at(-1)).toBe('\'=HYPERLINK("http://x")');
    expect(first?.attachments?.[0]?.filename).not.toBe(second?.attachments?.[0]?.filename);
  });
});

describe('export rows', () => {
  it('given "other" answers and Italian labels → "altro", not "other"', () => {
    const tx = (it: string, en: string) => ({ it, en });
    const parsed = parseSurveyDefinition({
      id: 'x1',
      version: 1,
      languages: ['it', 'en'],
      responseUnit: 'person',
      title: tx('X', 'X'),
      sections: [
        {
          code: 's',
          title: tx('S', 'S'),
          questions: [
            {
              code: 'FORMS',
              type: 'multiple',
              other: true,
              text: tx('Forme?', 'Forms?'),
              options: [
                { code: 'a', label: tx('Aula', 'Classroom') },
                { code: 'b', label: tx('Online', 'Online') },
              ],
            },
          ],
        },
      ],
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const labels = { respondent: 'rispondente', cluster: 'cluster', country: 'paese', language: 'lingua', date: 'data', other: 'altro' };
    const rows = exportRows(
      parsed.value,
      [{ memberId: null, language: 'it', when: '2026-11-23', answers: { FORMS: ['a', 'other'], FORMS_other: 'mentoring' } } as never],
      {
        language: 'it',
        identified: false,
        members: new Map(),
        labels,
      },
    );
    expect(rows[0]).toEqual(['lingua', 'data', 'FORMS', 'FORMS_other']);
    expect(rows[1]).toEqual(['it', '2026-11-23', 'Aula; altro', 'mentoring']);
  });
});

describe('survey translations', () => {
  it('given the English survey texts → Italian and German have every key, plurals included', async () => {
    const { readFileSync } = await import('node:fs');
    const keys = (language: string): string[] => {
      const walk = (v: unknown, path: string): string[] =>
        v && typeof v === 'object' ? Object.entries(v).flatMap(([k, x]) => walk(x, path ? `${path}.${k}` : k)) : [path];
      return walk(JSON.parse(readFileSync(join(import.meta.dirname, '../../../locales', language, 'surveys.json'), 'utf8')), '').sort();
    };
    const english = keys('en');
    // Italian and German may add plural forms English does not need, never lack one.
    for (const language of ['it', 'de']) expect(english.filter((k) => !keys(language).includes(k))).toEqual([]);
  });
});

describe('outline blocks', () => {
  it('given an outline longer than a chat block holds → split at line ends, nothing lost', async () => {
    const { chunks } = await import('../../../src/features/surveys/survey-outline-views.ts');
    const lines = Array.from({ length: 400 }, (_, i) => `• *Q${i}* question number ${i}`);
    const parts = chunks(lines.join('\n'), 2800);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.length <= 2800)).toBe(true);
    expect(parts.join('\n')).toBe(lines.join('\n'));
  });
});
