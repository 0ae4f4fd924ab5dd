// CSV files as a spreadsheet opens them: a BOM first, text that looks like a formula kept as text,
// negative numbers left as numbers. Every export (surveys, exchange stats) goes through this writer.
import { describe, expect, it } from 'vitest';
import { statsRows, type Counts } from '../../src/features/exchange/exchange-stats.ts';
import { neutralise, writeSpreadsheetCsv } from '../../src/infra/csv.ts';

describe('CSV for spreadsheets', () => {
  it('given formulas, accents and numbers → BOM first, formulas as text, numbers as numbers', () => {
    expect(['=SUM(A1)', '+39 02 1234', '-2+3', '@cmd', '\tx'].map(neutralise)).toEqual(["'=SUM(A1)", "'+39 02 1234", "'-2+3", "'@cmd", "'\tx"]);
    expect(['-3', '-2.5', '-1,5', 'Qualità', 'a=b'].map(neutralise)).toEqual(['-3', '-2.5', '-1,5', 'Qualità', 'a=b']);
    const csv = writeSpreadsheetCsv([
      ['lingua', 'WHY'],
      ['it', '=1+1'],
    ]);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.slice(1)).toBe("lingua,WHY\nit,'=1+1\n");
  });

  it('given exchange stats with a topic that looks like a formula → the exchange export keeps it as text', () => {
    // Topics are a closed list today (checked when stored and read), so this guards the day one is
    // named by people: the rows the exchange exports, written as the app writes them.
    const counts: Counts = { proposed: 1, pending: 0, accepted: 1, declined: 0, met: 0, helped: 0, joint: 0 };
    const topic = '=HYPERLINK("https://evil.example","open")';
    const rows = statsRows({
      by: 'month',
      total: counts,
      periods: [{ period: '2026-11', ...counts }],
      topics: [{ topic, needed: 0, offered: 1, ...counts }],
      profiles: 2,
      optedOut: 0,
    });
    const csv = writeSpreadsheetCsv(rows);
    expect(csv.startsWith('\uFEFFkind,key,')).toBe(true);
    expect(csv).toContain(`topic,"'=HYPERLINK(""https://evil.example"",""open"")",1,0,1,0,0,0,0,0,1`);
  });
});
