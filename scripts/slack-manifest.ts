// npm run slack:manifest: writes adapters/slack/manifest.yaml from the command registry.
import { writeFileSync } from 'node:fs';
import { buildSlackManifest, SLACK_MANIFEST_PATH } from '../src/app/slack-manifest-build.ts';

writeFileSync(SLACK_MANIFEST_PATH, await buildSlackManifest());
process.stdout.write(`wrote ${SLACK_MANIFEST_PATH}\n`);
