// The Discord adapter's public surface for the composition root.
export { createDiscordAdapter, discordCapabilities, DiscordAdapter, nonceFor, type DiscordAdapterOptions } from './discord-adapter.ts';
export { commandManifest, commandText, type CommandJson, type ManifestTexts } from './command-manifest.ts';
export { deployCommands, type DeployOptions } from './deploy-commands.ts';
