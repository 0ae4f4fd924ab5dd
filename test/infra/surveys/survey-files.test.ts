// Reading survey sources in infra: YAML/JSON/XML syntax errors with their line, files that are not
// surveys, the surveys folder (bare names only) and downloads; every failure an issue, never a throw.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSurveySources } from '../../../src/infra/surveys/survey-files.ts';
import { parseSurveyText } from '../../../src/infra/surveys/survey-text.ts';
import { limeSurvey3 } from '../../features/surveys/lss-fixtures.ts';

const MINIMAL = { id: 'mini', version: 1, title: { it: 'Mini' }, languages: ['it'], responseUnit: 'person', sections: [] };
const keys = (r: { ok: boolean; errors?: Array<{ key?: string }> }) => (r.ok ? [] : (r.errors ?? []).map((e) => e.key));

describe('parseSurveyText', () => {
  it('given YAML with a syntax error → a syntax issue with the line', () => {
    const result = parseSurveyText('id: demo\nversion: 1\ntitle: { it: x\nlanguages: [it]\n', 'x.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ path: '(file)', key: 'syntax', params: { line: expect.any(Number) } });
  });

  it('given JSON with a syntax error → the line of the error', () => {
    const result = parseSurveyText('{\n  "id": "demo",\n  "version": 1,\n}\n', 'x.json');
    expect(result).toMatchObject({ ok: false, errors: [{ key: 'syntax', params: { line: 4 } }] });
  });

  it('given valid JSON or YAML → a definition document', () => {
    expect(parseSurveyText(JSON.stringify(MINIMAL), 'mini.json')).toMatchObject({ ok: true, document: { format: 'definition' } });
    expect(parseSurveyText('\uFEFFid: mini\nversion: 1\n', 'mini.yaml')).toMatchObject({ ok: true, document: { value: { id: 'mini' } } });
  });

  it('given an empty file, a sentence, or XML that is not LimeSurvey → "not a survey", never a validator message', () => {
    expect(keys(parseSurveyText('  \n', 'x.yaml'))).toEqual(['file_empty']);
    expect(keys(parseSurveyText('just some words', 'notes'))).toEqual(['not_a_survey']);
    expect(keys(parseSurveyText('<?xml version="1.0"?><html><body>hi</body></html>', 'page'))).toEqual(['not_a_survey']);
    expect(keys(parseSurveyText('<?xml version="1.0"?><document><a></document>', 'x.lss'))).toEqual(['syntax']);
  });

  it('given XML with a DOCTYPE (entity expansion) → refused before parsing', () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><document><LimeSurveyDocType>Survey</LimeSurveyDocType></document>';
    expect(keys(parseSurveyText(bomb, 'x.lss'))).toEqual(['not_a_survey']);
  });
});

describe('the surveys folder', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'filiera-surveys-'));
    await writeFile(join(dir, 'a.json'), JSON.stringify(MINIMAL));
    await writeFile(join(dir, 'b.yaml'), 'id: [\n');
    await writeFile(join(dir, 'notes.txt'), 'not a survey');
    await writeFile(join(dir, 'c.lss'), limeSurvey3());
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('given a name with or without extension → that file; a missing one → not found', async () => {
    const sources = createSurveySources({ dir });
    expect(await sources.file('a')).toMatchObject({ ok: true, source: 'file:a.json' });
    expect(await sources.file('a.json')).toMatchObject({ ok: true, source: 'file:a.json' });
    expect(keys(await sources.file('missing'))).toEqual(['file_not_found']);
  });

  it('given a path instead of a name → refused, nothing read outside the folder', async () => {
    const sources = createSurveySources({ dir });
    for (const name of ['../package.json', '/etc/passwd', '.hidden', 'sub/a.json']) expect(keys(await sources.file(name))).toEqual(['bad_name']);
  });

  it('given the folder → every survey file read, broken ones as issues; other files ignored', async () => {
    const reads = await createSurveySources({ dir }).folder();
    expect(reads.map((r) => [r.source, r.ok])).toEqual([
      ['file:a.json', true],
      ['file:b.yaml', false],
      ['file:c.lss', true],
    ]);
    expect(reads[2]).toMatchObject({ document: { format: 'limesurvey', value: { docType: 'Survey', dbVersion: 366, languages: ['de-informal', 'en'] } } });
    expect(await createSurveySources({ dir }).file('c')).toMatchObject({ ok: true, source: 'file:c.lss' });
    expect(
      keys(
        await createSurveySources({ dir: join(dir, 'nope') })
          .folder()
          .then((r) => r[0]!),
      ),
    ).toEqual(['folder_unreadable']);
  });

  it('given downloads that fail → a status or a failure, never a throw', async () => {
    const answering = (status: number, body: string) => createSurveySources({ dir, fetch: async () => new Response(body, { status }) });
    expect(await answering(404, 'missing').download('https://example.org/x.yaml')).toMatchObject({
      ok: false,
      errors: [{ key: 'download_status', params: { status: 404 } }],
    });
    expect(await answering(200, JSON.stringify(MINIMAL)).download('https://example.org/x.json')).toMatchObject({ ok: true });
    expect(keys(await answering(200, 'x'.repeat(5_000_001)).download('https://example.org/big.yaml'))).toEqual(['too_large']);
    const failing = createSurveySources({ dir, fetch: async () => Promise.reject(new Error('ECONNREFUSED')) });
    expect(keys(await failing.download('https://example.org/x.yaml'))).toEqual(['download_failed']);
  });
});
