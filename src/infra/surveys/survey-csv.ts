// CSV for spreadsheets: csv-stringify does the quoting; this adds what Excel and LibreOffice need
// to be safe and readable. A UTF-8 byte-order mark, so accents show; and a leading apostrophe on
// cells that start with = + - @ (or a tab or carriage return), so an answer is never run as a
// formula (CSV injection). Plain negative numbers stay numbers.
import { stringify } from 'csv-stringify/sync';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-\d+([.,]\d+)?$/;

export function neutralise(cell: string | number): string {
  const text = String(cell);
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

export function writeSpreadsheetCsv(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return `\uFEFF${stringify(rows.map((r) => r.map(neutralise)))}`;
}
