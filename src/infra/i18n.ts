// Translations with i18next: every JSON file under locales/<language>/ is merged into one resource
// tree per language, so each feature keeps its own file. Missing keys fall back to the default language.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import type { I18n, Translator } from '../core/index.ts';

type Tree = { [key: string]: string | Tree };

function merge(into: Tree, from: Tree, path: string, file: string): void {
  for (const [key, value] of Object.entries(from)) {
    const existing = into[key];
    if (typeof value === 'object' && typeof existing === 'object') merge(existing, value, `${path}${key}.`, file);
    else if (existing !== undefined) throw new Error(`translation key ${path}${key} defined twice (${file})`);
    else into[key] = value;
  }
}

export function loadLocales(dir: string): Record<string, Tree> {
  const languages: Record<string, Tree> = {};
  for (const language of readdirSync(dir)) {
    const tree: Tree = {};
    for (const file of readdirSync(join(dir, language))
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      merge(tree, JSON.parse(readFileSync(join(dir, language, file), 'utf8')) as Tree, '', file);
    }
    languages[language] = tree;
  }
  return languages;
}

export function createI18n(localesDir: string, defaultLanguage: string): I18n {
  const trees = loadLocales(localesDir);
  const languages = Object.keys(trees).sort();
  if (!languages.includes(defaultLanguage)) throw new Error(`no translations for default language ${defaultLanguage}`);
  const instance = i18next.createInstance();
  void instance.init({
    initAsync: false,
    resources: Object.fromEntries(Object.entries(trees).map(([lang, tree]) => [lang, { translation: tree }])),
    lng: defaultLanguage,
    fallbackLng: defaultLanguage,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const translators = new Map<string, Translator>();
  return {
    languages,
    defaultLanguage,
    translator(language) {
      let t = translators.get(language);
      if (!t) {
        const fixed = instance.getFixedT(languages.includes(language) ? language : defaultLanguage);
        t = templated((key, vars) => fixed(key, vars ?? {}) as string);
        translators.set(language, t);
      }
      return t;
    },
  };
}

/** Counted lines kept per language: counts below this, and at most so many lines (the memory stays small). */
const COUNTS_KEPT = 1000;
const LINES_KEPT = 10_000;

/** Variables that steer i18next (plural forms, context, options) rather than fill a placeholder. */
const STEERING = new Set(['count', 'context', 'ordinal', 'lng', 'lngs', 'ns', 'defaultValue', 'returnObjects', 'joinArrays', 'replace', 'interpolation']);

/**
 * A translator that asks i18next once per key and set of variable names, with markers for the values,
 * and fills later calls itself: a digest run translates ~100,000 lines like "Deadline {{date}}", and
 * i18next's interpolation was a tenth of the job. Only plain string values take this path (the
 * locales use no formats or nesting); plurals and anything else still go through i18next.
 */
function templated(translate: Translator): Translator {
  const templates = new Map<string, { parts: string[]; names: string[] }>();
  // "3 new", "12 more next time": a count alone picks a plural form, so each small count is asked once.
  const counted = new Map<string, string>();
  return (key, vars) => {
    if (!vars) return translate(key, vars);
    const names = Object.keys(vars);
    const count = vars.count;
    if (names.length === 1 && typeof count === 'number' && Number.isInteger(count) && count >= 0 && count < COUNTS_KEPT) {
      const id = `${key}#${count}`;
      let line = counted.get(id);
      if (line === undefined) {
        line = translate(key, vars);
        if (counted.size < LINES_KEPT) counted.set(id, line);
      }
      return line;
    }
    if (names.some((n) => STEERING.has(n) || typeof vars[n] !== 'string')) return translate(key, vars);
    const id = `${key}\u0001${names.join('\u0001')}`;
    let template = templates.get(id);
    if (!template) {
      const filled = translate(key, Object.fromEntries(names.map((n, i) => [n, `\u0000${i}\u0000`])));
      const pieces = filled.split(/\u0000(\d+)\u0000/);
      template = { parts: pieces.filter((_, i) => i % 2 === 0), names: pieces.filter((_, i) => i % 2 === 1).map((i) => names[Number(i)]!) };
      templates.set(id, template);
    }
    const { parts, names: order } = template;
    let out = parts[0]!;
    for (let i = 0; i < order.length; i++) out += (vars[order[i]!] as string) + parts[i + 1]!;
    return out;
  };
}
