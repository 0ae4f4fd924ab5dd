// The translator fills repeated lines from a template it asked i18next for once: every line must read
// exactly as i18next would write it, in every language, with any values.
import { join } from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { createI18n, loadLocales } from '../../src/infra/i18n.ts';

const dir = join(import.meta.dirname, '../../locales');
const trees = loadLocales(dir);

type Tree = { [key: string]: string | Tree };
const entries = (tree: Tree, prefix = ''): Array<[string, string]> =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : entries(v, `${prefix}${k}.`)));

describe('translator', () => {
  const reference = i18next.createInstance();
  void reference.init({
    initAsync: false,
    resources: Object.fromEntries(Object.entries(trees).map(([lang, tree]) => [lang, { translation: tree }])),
    lng: 'en',
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const i18n = createI18n(dir, 'en');

  it('writes every line with variables exactly as i18next does, the first time and every time after', () => {
    let checked = 0;
    for (const language of i18n.languages) {
      const t = i18n.translator(language);
      const fixed = reference.getFixedT(language);
      for (const [key, text] of entries(trees[language] as Tree)) {
        const names = [...new Set([...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!))].filter((n) => n !== 'count');
        if (names.length === 0) continue;
        for (const sample of ['A & B <x> $1 {{y}}', '', '23 Nov 2026, 17:00 CET']) {
          const vars = Object.fromEntries(names.map((n, i) => [n, `${sample}#${i}`]));
          expect(t(key, vars)).toBe(fixed(key, vars));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('writes counted lines (plural forms) as i18next does, every time', () => {
    for (const language of i18n.languages) {
      const t = i18n.translator(language);
      const fixed = reference.getFixedT(language);
      for (const key of ['news.days', 'news.digest_overflow', 'news.group_new'])
        for (const count of [0, 1, 2, 5, 21, 999, 1000, 12345, 1.5])
          for (let again = 0; again < 2; again++) expect(t(key, { count })).toBe(fixed(key, { count }));
    }
    expect(i18n.translator('en')('news.days', { count: 1 })).not.toBe(i18n.translator('en')('news.days', { count: 7 }));
  });
});
