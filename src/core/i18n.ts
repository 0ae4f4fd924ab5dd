// The translation port: every user-facing string goes through a Translator for one language.

export type TranslationVars = Record<string, string | number>;
export type Translator = (key: string, vars?: TranslationVars) => string;

export interface I18n {
  readonly languages: readonly string[];
  readonly defaultLanguage: string;
  translator(language: string): Translator;
}

/**
 * The person's language: what the platform says when it says, else their profile, else the network
 * default. Locales such as "it-IT" reduce to a supported base language.
 */
export function resolveLanguage(i18n: Pick<I18n, 'languages' | 'defaultLanguage'>, ...candidates: Array<string | null | undefined>): string {
  for (const candidate of candidates) {
    const base = candidate?.toLowerCase().split(/[-_]/)[0];
    if (base && i18n.languages.includes(base)) return base;
  }
  return i18n.defaultLanguage;
}
