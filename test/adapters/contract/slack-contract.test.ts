// The Slack adapter (real Bolt, signed HTTP, fake Web API), held to the adapter contract.
import { adapterContract } from './adapter-contract.ts';
import { slackDriver } from './slack-driver.ts';

adapterContract('slack', slackDriver);
