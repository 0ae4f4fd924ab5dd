// Every user-facing string exists in Italian and English (German too, where we have it).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLocales } from '../../src/infra/i18n.ts';

type Tree = { [k: string]: string | Tree };
const keys = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree)
    .flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`)))
    .sort();

const locales = loadLocales(join(import.meta.dirname, '../../locales'));

describe('translations', () => {
  it('Italian and English have exactly the same keys', () => {
    expect(keys(locales.it ?? {})).toEqual(keys(locales.en ?? {}));
  });

  it('German has every key English has', () => {
    const de = new Set(keys(locales.de ?? {}));
    expect(keys(locales.en ?? {}).filter((k) => !de.has(k))).toEqual([]);
  });

  it('interpolation variables agree across languages', () => {
    const vars = (s: string) =>
      [...s.matchAll(/{{(\w+)}}/g)]
        .map((m) => m[1])
        .sort()
        .join(',');
    const flat = (tree: Tree) => Object.fromEntries(keys(tree).map((k) => [k, k.split('.').reduce<unknown>((t, p) => (t as Tree)[p], tree) as string]));
    const en = flat(locales.en ?? {});
    for (const lang of ['it', 'de']) {
      const other = flat(locales[lang] ?? {});
      const mismatched = Object.keys(en).filter((k) => other[k] !== undefined && vars(other[k]) !== vars(en[k] ?? ''));
      expect(mismatched, lang).toEqual([]);
    }
  });
});
