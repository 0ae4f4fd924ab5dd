// Countries on exchange profiles: the shared list and names in src/core/countries.ts.
export { countryCode, countryName } from '../../core/countries.ts';
