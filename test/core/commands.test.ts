import { describe, expect, it } from 'vitest';
import { parseArgs, tokenize, usageLine, type ArgSpec } from '../../src/core/index.ts';

const open: { name: string; args: ArgSpec[] } = {
  name: 'open',
  args: [
    { name: 'id', kind: 'string', required: true, description: '' },
    { name: 'closes', kind: 'date', named: true, description: '' },
    { name: 'anonymous', kind: 'flag', description: '' },
  ],
};
const ask: { name: string; args: ArgSpec[] } = { name: 'ask', args: [{ name: 'question', kind: 'text', required: true, description: '' }] };

describe('command grammar', () => {
  it('given quoted phrases → keeps them as one token', () => {
    expect(tokenize('open "Cluster survey" now')).toEqual(['open', 'Cluster survey', 'now']);
  });

  it('given positional, named and flag arguments in any order → binds each by name', () => {
    const parsed = parseArgs(open, tokenize('anonymous cluster-managers closes:2026-12-31'));
    expect(parsed).toEqual({ ok: true, value: { id: 'cluster-managers', closes: '2026-12-31', anonymous: true } });
  });

  it('given a malformed date → an error naming the argument', () => {
    const parsed = parseArgs(open, ['x', 'closes:31/12/2026']);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.detail).toContain('closes');
  });

  it('given a missing required argument → an error', () => {
    expect(parseArgs(open, []).ok).toBe(false);
  });

  it('given extra words → refused rather than silently dropped', () => {
    expect(parseArgs(open, ['a', 'b']).ok).toBe(false);
  });

  it('given a text argument → it takes the rest of the line', () => {
    expect(parseArgs(ask, tokenize('How do you finance trade fairs?'))).toEqual({ ok: true, value: { question: 'How do you finance trade fairs?' } });
  });

  it('usage lines show required, optional, named and flag arguments', () => {
    expect(usageLine('survey', open)).toBe('/survey open <id> [closes:<date>] [anonymous]');
    expect(usageLine('exchange', ask)).toBe('/exchange ask <question…>');
  });
});
