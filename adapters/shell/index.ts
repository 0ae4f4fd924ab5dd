// The shell adapter's public surface.
export { ShellAdapter, SHELL_CAPABILITIES, type ShellAdapterOptions } from './shell-adapter.ts';
export { renderMessage } from './shell-render.ts';
