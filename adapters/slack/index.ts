// The Slack adapter's public surface, for the composition root and the manifest script.
export { createSlackAdapter, SlackAdapter, type SlackAdapterOptions } from './slack-adapter.ts';
export { slackManifest, manifestYaml } from './slack-manifest.ts';
