// The in-memory adapter the feature tests use, held to the adapter contract.
import { adapterContract } from './adapter-contract.ts';
import { memoryDriver } from './memory-driver.ts';

adapterContract('memory', memoryDriver);
