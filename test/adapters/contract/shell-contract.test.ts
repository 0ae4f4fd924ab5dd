// The shell adapter, held to the adapter contract.
import { adapterContract } from './adapter-contract.ts';
import { shellDriver } from './shell-driver.ts';

adapterContract('shell', shellDriver);
