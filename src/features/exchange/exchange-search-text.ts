// How the exchange's search reads text, the same way for what is stored and for what is searched:
// words as people write them (elisions like "l'internazionalizzazione", compounds like "co-funding",
// numbers like "5.000", acronyms like "DI.MA.PLA."), each reduced to its stems in Italian, English and
// German (Snowball stemmers from @orama/stemmers, maintained), accents folded. A stored entry does not
// say its language, so every word is stemmed in each; a wrong-language stem rarely matches anything.
import { stemmer as stemEnglish } from '@orama/stemmers/english';
import { stemmer as stemGerman } from '@orama/stemmers/german';
import { stemmer as stemItalian } from '@orama/stemmers/italian';

const STEMMERS = [stemItalian, stemEnglish, stemGerman] as const;
/** Shorter stems are matched exactly, longer ones also as prefixes ("internazional" → "internazionalizz"). */
export const PREFIX_FROM = 4;
/** Stems longer than this are cut: no word is longer, and it bounds what a hostile query can ask. */
const MAX_TERM = 40;

/** A run of letters and digits, possibly joined by apostrophes, hyphens, dots or digit commas. */
const COMPOUND = /[\p{L}\p{N}]+(?:(?:['’ʼ.\-‐–]|,(?=\p{N}))[\p{L}\p{N}]+)*\.?/gu;
const PIECE = /[\p{L}\p{N}]+/gu;

const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss')
    .slice(0, MAX_TERM);

/** One word as written and what it stands for: its whole form and its parts. */
export interface Word {
  /** Where it starts in the text, for snippets. */
  at: number;
  written: string;
  /** Forms to look up: the joined compound ("cofunding", "5000", "dimapla") and each part. */
  forms: string[];
  /** What the word means as a whole: the joined compound, or the word after an elision ("l'export" → export). */
  main: string;
}

/** Splits text into words: "l'internazionalizzazione" → internazionalizzazione; "co-funding" → cofunding, co, funding. */
export function words(text: string): Word[] {
  const found: Word[] = [];
  for (const match of text.normalize('NFC').matchAll(COMPOUND)) {
    const written = match[0];
    const parts = written.toLowerCase().match(PIECE) ?? [];
    const elided = /['’ʼ]/.test(written);
    const forms = new Set<string>();
    // An apostrophe marks an elision (l', dell', un'): the parts are the words. Hyphens and dots
    // join a compound, an acronym or a number, so the joined form counts as well as each part.
    if (!elided && parts.length > 1) forms.add(parts.join(''));
    for (const part of parts) if (part.length > 1 || /\p{N}/u.test(part) || parts.length === 1) forms.add(part);
    const main = elided ? (parts.at(-1) as string) : parts.join('');
    if (forms.size > 0) found.push({ at: match.index, written, forms: [...forms], main });
  }
  return found;
}

/** The stems a form is looked up by: the folded form itself for numbers and short words, else one per language. */
export function stems(form: string): string[] {
  if (/^\p{N}+$/u.test(form) || form.length < 3) return [fold(form)];
  return [...new Set(STEMMERS.map((stem) => fold(stem(form))))].filter(Boolean);
}

/** Every stem of a text with how often it occurs, for the index. */
export function termCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of words(text)) {
    for (const form of word.forms) for (const stem of stems(form)) counts.set(stem, (counts.get(stem) ?? 0) + 1);
  }
  return counts;
}

/** Whether a stored stem answers a searched one: the same, or (for longer ones) starting with it. */
export const stemMatches = (stored: string, searched: string): boolean =>
  stored === searched || (searched.length >= PREFIX_FROM && stored.startsWith(searched));

/**
 * A short excerpt from the first line that answers any of the searched stems (an answer's line keeps
 * its "name:" when it fits), with the matching words in *bold*; the first line when none does.
 */
export function snippet(text: string, searched: ReadonlyArray<readonly string[]>, width = 14): string {
  const hit = (w: Word): boolean => w.forms.some((form) => stems(form).some((s) => searched.some((q) => q.some((x) => stemMatches(s, x)))));
  const lines = text.split('\n');
  const parsed = lines.map(words);
  const index = Math.max(
    0,
    parsed.findIndex((l) => l.some(hit)),
  );
  const [line, shown] = [lines[index] ?? '', parsed[index] ?? []];
  const first = Math.max(0, shown.findIndex(hit));
  const from = first < width - 2 ? 0 : first - Math.floor(width / 3);
  const slice = shown.slice(from, from + width);
  // Rebuilt from the line itself, so punctuation ("carla:", commas) stays as written.
  let out = from > 0 ? '…' : line.slice(0, slice[0]?.at ?? 0);
  slice.forEach((w, i) => {
    out += hit(w) ? `*${w.written}*` : w.written;
    const next = slice[i + 1];
    if (next) out += line.slice(w.at + w.written.length, next.at);
  });
  return from + width < shown.length ? `${out}…` : out + line.slice((slice.at(-1)?.at ?? 0) + (slice.at(-1)?.written.length ?? 0)).trimEnd();
}
