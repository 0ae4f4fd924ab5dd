// The layering rules from the README's architecture section, checked on the source text.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'generated' || name === 'node_modules') return [];
    return statSync(join(root, path)).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const importsOf = (file: string): string[] =>
  [...readFileSync(join(root, file), 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1] ?? '');

function violations(dirs: string[], forbidden: RegExp[], resolveRelative = true): string[] {
  return dirs.flatMap(sources).flatMap((file) =>
    importsOf(file)
      .map((spec) => (resolveRelative && spec.startsWith('.') ? relative(root, join(root, file, '..', spec)) : spec))
      .filter((spec) => forbidden.some((re) => re.test(spec)))
      .map((spec) => `${file} imports ${spec}`),
  );
}

describe('import boundaries', () => {
  it('core and features import no platform SDK, no Prisma, no node-cron, no adapter and no infra', () => {
    const forbidden = [/^@slack\//, /^discord\.js$/, /^@discordjs\//, /^@prisma\//, /^prisma/, /^node-cron$/, /^adapters\//, /^src\/infra\//, /^src\/app\//];
    expect(violations(['src/core', 'src/features'], forbidden)).toEqual([]);
  });

  it('core and features do no I/O of their own: no files, HTTP, YAML or XML parsing, charts or CSV writing', () => {
    const forbidden = [
      /^(node:)?fs(\/promises)?$/,
      /^(node:)?https?$/,
      /^(node:)?net$/,
      /^undici$/,
      /^yaml$/,
      /^fast-xml-parser$/,
      /^vega(-lite)?$/,
      /^vega-/,
      /^@resvg\//,
      /^csv-/,
    ];
    expect(violations(['src/core', 'src/features'], forbidden)).toEqual([]);
  });

  it('features never fetch: HTTP goes through ports implemented in src/infra', () => {
    const calls = sources('src/features').filter((file) => /\bfetch\s*\(|\bXMLHttpRequest\b|\bWebSocket\s*\(/.test(readFileSync(join(root, file), 'utf8')));
    expect(calls).toEqual([]);
  });

  it('every feature folder has its service module, where its use cases live', () => {
    const features = readdirSync(join(root, 'src/features'));
    const missing = features.filter((f) => !readdirSync(join(root, 'src/features', f)).some((file) => file.endsWith('-service.ts')));
    expect(missing).toEqual([]);
  });

  it('core does not reach into features', () => {
    expect(violations(['src/core'], [/^src\/features\//])).toEqual([]);
  });

  it('adapters import neither features nor infra', () => {
    expect(violations(['adapters'], [/^src\/features\//, /^src\/infra\//, /^src\/app\//])).toEqual([]);
  });

  it('features reach the bot only through the FeatureContext: never the Bot, an adapter or the engine behind the ports', () => {
    const forbidden = /\b(Bot|ChatAdapter|AdapterConversations|QuestionnaireEngine|QuestionnaireService|OutboxSender)\b/;
    const named = (file: string) =>
      [...readFileSync(join(root, file), 'utf8').matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*['"][^'"]*core[^'"]*['"]/g)].flatMap((m) =>
        (m[1] ?? '').split(',').map((n) => n.replace(/^\s*type\s+/, '').trim()),
      );
    const leaks = sources('src/features').flatMap((file) =>
      named(file)
        .filter((n) => forbidden.test(n))
        .map((n) => `${file} imports ${n}`),
    );
    expect(leaks).toEqual([]);
  });

  it('the check itself sees imports (guards against a vacuous pass)', () => {
    expect(importsOf('src/core/bot.ts').length).toBeGreaterThan(3);
    expect(sources('src/core').length).toBeGreaterThan(5);
    // The I/O rule would pass vacuously if it never matched: infra does import these libraries.
    expect(violations(['src/infra/surveys'], [/^yaml$/, /^fast-xml-parser$/, /^csv-/, /^(node:)?fs(\/promises)?$/]).length).toBeGreaterThanOrEqual(4);
  });
});
