// Countries (exchange profiles, news subscriptions): stored as ISO 3166-1 alpha-2 codes, typed as a code or a name in
// Italian, English, German or the person's language, shown in the reader's language. The list of
// codes is i18n-iso-countries' (maintained); names come from the runtime's CLDR data through
// Intl.DisplayNames, so no locale tables are loaded or kept.
// The package's index (not its default entry, which loads the names of every locale): codes only.
import countries from 'i18n-iso-countries/index.js';
// Its names in the network's three languages (6 KB each), with the usual alternatives the runtime's
// CLDR names lack ("Repubblica Ceca", "Czech Republic", "Großbritannien").
// Read through require: bundlers keep it a plain package load, where a JSON import would need attributes.
import { createRequire } from 'node:module';

/** [alpha-2, alpha-3] for every country, from the maintained list. */
const COUNTRIES: ReadonlyArray<readonly [string, string]> = Object.entries(countries.getAlpha2Codes()).map(
  ([alpha2]) => [alpha2, countries.alpha2ToAlpha3(alpha2) ?? ''] as const,
);
const NAME_LANGUAGES = ['it', 'en', 'de'];
const EU_CODES: Readonly<Record<string, string>> = { EL: 'GR', UK: 'GB' };

const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const displayNames = (language: string): Intl.DisplayNames | null => {
  try {
    return new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
  } catch {
    return null;
  }
};

const require = createRequire(import.meta.url);
const LIBRARY_NAMES: ReadonlyMap<string, string> = new Map(
  NAME_LANGUAGES.map((language) => require(`i18n-iso-countries/langs/${language}.json`) as { countries: Record<string, string | string[]> }).flatMap((lang) =>
    Object.entries(lang.countries).flatMap(([alpha2, names]) => (Array.isArray(names) ? names : [names]).map((name) => [fold(name), alpha2] as const)),
  ),
);

/** The code for what was typed ("IT", "ita", "Italia", "Germany", "Österreich"), or null. */
export function countryCode(typed: string, languages: readonly string[] = []): string | null {
  const needle = fold(typed);
  if (!needle) return null;
  const upper = needle.toUpperCase();
  // The EU writes Greece as EL and the United Kingdom as UK (its portal and documents do).
  const eu = EU_CODES[upper];
  if (eu) return eu;
  for (const [alpha2, alpha3] of COUNTRIES) if (upper === alpha2 || upper === alpha3) return alpha2;
  const named = LIBRARY_NAMES.get(needle);
  if (named) return named;
  for (const language of new Set([...languages, ...NAME_LANGUAGES])) {
    const names = displayNames(language);
    if (!names) continue;
    for (const [alpha2] of COUNTRIES) {
      const name = names.of(alpha2);
      if (name && fold(name) === needle) return alpha2;
    }
  }
  return null;
}

/** A stored country in the reader's language: codes become names; older free-text values stay as typed. */
export function countryName(stored: string, language: string): string {
  if (!/^[A-Z]{2}$/.test(stored)) return stored;
  return displayNames(language)?.of(stored) ?? stored;
}
