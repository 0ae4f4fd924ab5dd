// The Discord adapter (real discord.js, fake gateway and REST), held to the adapter contract.
import { adapterContract } from './adapter-contract.ts';
import { discordDriver } from './discord-driver.ts';

adapterContract('discord', discordDriver);
