// CSV text for exports, written with csv-stringify: quoting, embedded commas, quotes and line breaks
// handled by the library. Features get it as a plain function and never import csv-* themselves.
import { stringify } from 'csv-stringify/sync';

export type CsvWriter = (rows: ReadonlyArray<ReadonlyArray<string | number>>) => string;

export const writeCsv: CsvWriter = (rows) => stringify(rows.map((r) => [...r]));
