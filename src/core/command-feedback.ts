// Argument problems in words: one sentence in the person's language that names the argument, says
// what is expected and gives an example, then the usage line. No validator text ever reaches a user.
import { DateTime } from 'luxon';
import type { ArgProblem, ArgSpec } from './command-args.ts';
import type { Translator } from './i18n.ts';

/** How the argument is written in a command: `closes:` for named ones, `<id>` for positional ones. */
const written = (arg: ArgSpec): string => (arg.named ? `${arg.name}:` : `<${arg.name}>`);

function expected(arg: ArgSpec, t: Translator): string {
  if (arg.choices) return t('core.arg_expect.choice', { choices: arg.choices.join(', ') });
  return t(`core.arg_expect.${arg.kind}`);
}

function example(arg: ArgSpec, now: Date): string | undefined {
  if (arg.example) return arg.example;
  switch (arg.kind) {
    case 'date':
      return DateTime.fromJSDate(now, { zone: 'utc' }).plus({ months: 1 }).endOf('month').toISODate() ?? undefined;
    case 'time':
      return '09:00';
    case 'integer':
      return '10';
    case 'choice':
      return arg.choices?.[0];
    default:
      return undefined;
  }
}

/** One written example of the argument as typed: `closes:2027-01-31`, `"circular economy"`. */
function typedExample(arg: ArgSpec, value: string): string {
  const quoted = /\s/.test(value) ? `"${value}"` : value;
  return arg.named ? `${arg.name}:${quoted}` : quoted;
}

export function argProblemText(problem: ArgProblem, t: Translator, now: Date): string {
  switch (problem.kind) {
    case 'missing':
    case 'invalid': {
      const { arg } = problem;
      const sample = example(arg, now);
      const vars = { arg: written(arg), expected: expected(arg, t), given: problem.kind === 'invalid' ? problem.given : '' };
      const sentence = t(problem.kind === 'missing' ? 'core.arg_missing' : 'core.arg_invalid', vars);
      return sample ? `${sentence} ${t('core.arg_example', { example: typedExample(arg, sample) })}` : sentence;
    }
    case 'unknown_option':
      return problem.suggestion
        ? t('core.arg_unknown_option_suggest', { given: `${problem.given}:`, suggestion: written(problem.suggestion) })
        : t('core.arg_unknown_option', { given: `${problem.given}:` });
    case 'extra':
      return t('core.arg_extra', { given: problem.given });
  }
}
