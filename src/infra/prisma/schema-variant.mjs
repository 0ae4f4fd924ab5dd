// The PostgreSQL variant of the schema, derived from prisma/schema (the one source for both providers):
// the same models with the datasource provider and the generated client's folder swapped. The models use
// no provider-specific type, so nothing else differs. Plain JavaScript so the postinstall generate step
// (before any TypeScript loader is available) and the migrator share this one definition.

/** Where each provider's generated client lives, relative to a schema folder two levels under the root. */
export const CLIENT_OUTPUT = { sqlite: '../../src/infra/prisma/generated', postgresql: '../../src/infra/prisma/generated-pg' };

/** Rewrites one .prisma file of prisma/schema for `provider`; files without a datasource or generator pass through. */
export function schemaFor(provider, text) {
  if (provider === 'sqlite') return text;
  if (provider !== 'postgresql') throw new Error(`no schema variant for provider ${provider}`);
  const datasource = /(datasource\s+db\s*\{[^}]*provider\s*=\s*)"sqlite"/;
  const output = new RegExp(`(generator\\s+client\\s*\\{[^}]*output\\s*=\\s*)"${CLIENT_OUTPUT.sqlite.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}"`);
  const hasDatasource = /datasource\s+db\s*\{/.test(text);
  const hasGenerator = /generator\s+client\s*\{/.test(text);
  if (hasDatasource && !datasource.test(text)) throw new Error('prisma/schema: the datasource must say provider = "sqlite"');
  if (hasGenerator && !output.test(text)) throw new Error(`prisma/schema: the client generator must output to "${CLIENT_OUTPUT.sqlite}"`);
  return text.replace(datasource, '$1"postgresql"').replace(output, `$1"${CLIENT_OUTPUT.postgresql}"`);
}
