// Numbers and dates as people type them in their own language: "1.000" is one thousand in Italian
// and German, "2.500,50" is accepted there, "1,000.5" in English. Separators come from the
// runtime's CLDR data (Intl), and the grammar is strict, so a typo is refused rather than misread.
import { DateTime } from 'luxon';

interface Separators {
  group: string;
  decimal: string;
}

function separators(language: string): Separators {
  const parts = new Intl.NumberFormat(language).formatToParts(12345.6);
  return { group: parts.find((p) => p.type === 'group')?.value ?? ',', decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.' };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Spaces of every width and the Swiss apostrophe group digits in every language.
const SPACE_GROUPS = "[\\s\u00a0\u202f']";

/** The number typed, read with the language's separators; null when it is not one. */
export function parseLocalNumber(typed: string, language: string): number | null {
  const text = typed
    .trim()
    .replace(/^\+/, '')
    .replace(/\u2212/, '-');
  // Plain whole numbers read the same in every language: no need to ask Intl for separators.
  if (/^-?\d{1,15}$/.test(text)) return Number(text);
  const { group, decimal } = separators(language);
  const other = decimal === ',' ? '.' : ',';
  const g = `(?:${escape(group)}|${SPACE_GROUPS})`;
  const grouped = new RegExp(`^(-?)(\\d{1,3}(?:${g}\\d{3})+)(?:${escape(decimal)}(\\d+))?$`);
  const plain = new RegExp(`^(-?)(\\d+)(?:${escape(decimal)}(\\d+))?$`);
  const spaced = new RegExp(`^(-?)(\\d{1,3}(?:${SPACE_GROUPS}\\d{3})+)(?:[.,](\\d+))?$`);
  // "1.5" in Italian or "1,5" in English: the other mark with anything but three digits after it
  // cannot be grouping, so it is read as the decimal mark people often type.
  const otherDecimal = new RegExp(`^(-?)(\\d+)${escape(other)}(\\d{1,2}|\\d{4,})$`);
  for (const pattern of [plain, grouped, spaced, otherDecimal]) {
    const m = pattern.exec(text);
    if (!m) continue;
    const digits = m[2]!.replace(/\D/g, '');
    const value = Number(`${m[1]}${digits}${m[3] ? `.${m[3]}` : ''}`);
    return Number.isFinite(value) ? value : null;
  }
  return null;
}

/** A number written the language's way, as an example in hints and errors ("2.500,50"). */
export const formatLocalNumber = (value: number, language: string): string => new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(value);

const DATE_FORMATS: Record<string, string[]> = {
  it: ['d/M/yyyy', 'd-M-yyyy', 'd.M.yyyy'],
  de: ['d.M.yyyy', 'd/M/yyyy'],
  en: ['d/M/yyyy', 'd MMM yyyy', 'MMM d yyyy'],
};

/** A calendar date typed as YYYY-MM-DD or the language's usual day-first form; ISO date or null. */
export function parseLocalDate(typed: string, language: string): string | null {
  const text = typed.trim().replace(/,/g, '');
  const iso = DateTime.fromFormat(text, 'yyyy-MM-dd', { zone: 'utc' });
  if (iso.isValid) return iso.toISODate();
  for (const format of DATE_FORMATS[language] ?? DATE_FORMATS.en!) {
    const parsed = DateTime.fromFormat(text, format, { zone: 'utc', locale: language });
    if (parsed.isValid) return parsed.toISODate();
  }
  return null;
}

/** An http(s) address, or null. */
export function parseWebAddress(typed: string): string | null {
  try {
    const url = new URL(typed.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}
