// CSV for the files the bot attaches (survey exports, exchange stats), all opened in spreadsheets:
// csv-stringify does the quoting; this adds what Excel and LibreOffice need to be safe and
// readable. A UTF-8 byte-order mark, so accents show; and a leading apostrophe on cells that start
// with = + - @ (or a tab or carriage return), so text a member typed is never run as a formula (CSV
// injection). Plain negative numbers stay numbers. One writer for every export, so none forgets it.
// Features get it as a plain function and never import csv-* themselves.
import { stringify } from 'csv-stringify/sync';

export type CsvWriter = (rows: ReadonlyArray<ReadonlyArray<string | number>>) => string;

/** = + - @ tab CR: the characters a spreadsheet reads as the start of a formula. */
const FORMULA_START = new Set([0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x0d]);
const PLAIN_NUMBER = /^-\d+([.,]\d+)?$/;

export function neutralise(cell: string | number): string {
  const text = typeof cell === 'string' ? cell : String(cell);
  // One character code per cell: exports run to hundreds of thousands of cells.
  if (!FORMULA_START.has(text.charCodeAt(0))) return text;
  return PLAIN_NUMBER.test(text) ? text : `'${text}`;
}

export const writeSpreadsheetCsv: CsvWriter = (rows) => `\uFEFF${stringify(rows.map((r) => r.map(neutralise)))}`;
