// Personal data, feature by feature: each feature that stores something about a person registers a
// provider that can export it, erase it, and move it when two platform identities become one
// member. The privacy feature and account linking work only through these providers, so a feature
// added later brings its own (a test checks every table against what the providers erase).

export interface PersonalDataProvider {
  /** Short name for the export file's sections ("surveys", "exchange"). */
  name: string;
  /** Everything stored about the member, as plain records. */
  export(memberId: string): Promise<Record<string, unknown[]>>;
  /**
   * Erases what names the member (or anonymises what others keep, such as a partner's record of an
   * exchange). `person` carries the member's names and platform ids, for rows that hold them as text.
   */
  erase(memberId: string, person: PersonRef): Promise<void>;
  /** Moves `from`'s records to `to` (two identities of one person), keeping one where both have one. */
  merge(from: string, to: string): Promise<void>;
}

/** What identifies a person in stored text: their member id, platform ids and names. */
export interface PersonRef {
  memberId: string;
  platformIds: string[];
  names: string[];
}

export class PersonalDataRegistry {
  readonly #providers: PersonalDataProvider[] = [];

  register(provider: PersonalDataProvider): void {
    if (this.#providers.some((p) => p.name === provider.name)) throw new Error(`personal data provider ${provider.name} registered twice`);
    this.#providers.push(provider);
  }

  all(): readonly PersonalDataProvider[] {
    return this.#providers;
  }
}
