// Types for schema-variant.mjs.
export type Provider = 'sqlite' | 'postgresql';
export declare const CLIENT_OUTPUT: Record<Provider, string>;
export declare function schemaFor(provider: Provider, text: string): string;
