// The shell's own commands, which start with ":" so they never collide with the bot's.

export type MetaCommand =
  | { kind: 'as'; name: string }
  | { kind: 'in'; room: string }
  | { kind: 'dm' }
  | { kind: 'run'; job: string }
  | { kind: 'rooms' }
  | { kind: 'help' }
  | { kind: 'quit' }
  | { kind: 'invalid'; usage: string };

export const META_HELP = [
  ':as <name>     act as another network member',
  ':in #room      talk in a room (channel)',
  ':dm            talk to the bot in your direct conversation',
  ':run <job>     run a scheduled job now',
  ':rooms         list the rooms and threads seen so far',
  ':help          this list',
  ':quit          finish pending work and leave',
  'A line starting with / is a slash command (try /help); a bare number presses that numbered button',
  'of the latest message, and "12.2" presses button 2 of message 12 (also one from an earlier run).',
].join('\n');

export function parseMeta(line: string): MetaCommand {
  const [word = '', ...rest] = line.slice(1).trim().split(/\s+/);
  const arg = rest.join(' ');
  switch (word) {
    case 'as':
      return arg ? { kind: 'as', name: arg.replace(/^@/, '') } : { kind: 'invalid', usage: ':as <name>' };
    case 'in':
      return arg ? { kind: 'in', room: arg.replace(/^#/, '') } : { kind: 'invalid', usage: ':in #room' };
    case 'dm':
      return { kind: 'dm' };
    case 'run':
      return arg ? { kind: 'run', job: arg } : { kind: 'invalid', usage: ':run <job>' };
    case 'rooms':
    case 'threads':
      return { kind: 'rooms' };
    case 'help':
      return { kind: 'help' };
    case 'quit':
    case 'q':
      return { kind: 'quit' };
    default:
      return { kind: 'invalid', usage: META_HELP };
  }
}
