// Registers the application commands: to one server (DISCORD_GUILD_ID, instant, for trying it out)
// or globally. A PUT replaces the whole set, so commands removed from the registry disappear too.
// The composition root builds the manifest (src/app/discord-deploy.ts runs this as `npm run discord:deploy`).
import { REST, Routes } from 'discord.js';
import type { CommandJson } from './command-manifest.ts';

export interface DeployOptions {
  token: string;
  applicationId: string;
  guildId?: string;
  apiUrl?: string;
  commands: CommandJson[];
}

export async function deployCommands(options: DeployOptions): Promise<{ scope: 'guild' | 'global'; count: number }> {
  const rest = new REST({ ...(options.apiUrl ? { api: options.apiUrl } : {}), retries: 1 }).setToken(options.token);
  const route = options.guildId ? Routes.applicationGuildCommands(options.applicationId, options.guildId) : Routes.applicationCommands(options.applicationId);
  const saved = (await rest.put(route, { body: options.commands })) as unknown[];
  return { scope: options.guildId ? 'guild' : 'global', count: saved.length };
}
