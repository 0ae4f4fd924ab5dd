// The EU Funding & Tenders Portal's JSON, in both shapes: the search API's results (every metadata
// field an array: identifier, callIdentifier, status code, deadlineDate, deadlineModel, budgetOverview…)
// and the bulk grantsTenders.json ({fundingData: {GrantTenderObj: [...]}}, ~11,000 records, ~130 MB),
// which is streamed record by record with stream-json and never held whole.
import { pipeline, type Readable } from 'node:stream';
import { filter } from 'stream-json/filters/filter.js';
import { pick } from 'stream-json/filters/pick.js';
import { streamArray } from 'stream-json/streamers/stream-array.js';
import { DateTime } from 'luxon';
import { err, ok, type Result } from '../../core/result.ts';
import type { CallStatus, DeadlineModel, ItemInput } from '../../features/news/news-item.ts';
import type { ReadRecord } from '../../features/news/news-sources.ts';

type Json = Record<string, unknown>;

const STATUS_CODES: Record<string, CallStatus> = { '31094501': 'forthcoming', '31094502': 'open', '31094503': 'closed' };
const PROGRAMME_PREFIXES: Record<string, string> = {
  HORIZON: 'Horizon Europe',
  DIGITAL: 'Digital Europe Programme',
  SMP: 'Single Market Programme',
  LIFE: 'LIFE Programme',
  ERASMUS: 'Erasmus+',
  CREA: 'Creative Europe',
  EDF: 'European Defence Fund',
  CEF: 'Connecting Europe Facility',
  EU4H: 'EU4Health',
  I3: 'Interregional Innovation Investments (I3)',
  EMFAF: 'EMFAF',
  CERV: 'CERV',
  AGRIP: 'AGRIP',
  RFCS: 'Research Fund for Coal and Steel',
  INNOVFUND: 'Innovation Fund',
  EUAF: 'EU Anti-Fraud Programme',
  SOCPL: 'Social Prerogative',
  ESF: 'ESF+',
};

/** The first value of a field that may be an array (search API) or a plain value (bulk file). */
const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);
const all = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

const str = (v: unknown): string | undefined => {
  const x = first(v);
  if (typeof x === 'string') return x.trim() || undefined;
  if (typeof x === 'number') return String(x);
  if (x && typeof x === 'object') return str((x as Json).abbreviation ?? (x as Json).description ?? (x as Json).label);
  return undefined;
};

/** ISO instants from epoch milliseconds, "2027-01-15T17:00:00.000+0000" or plain dates. */
function instant(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return new Date(v).toISOString();
  if (typeof v !== 'string' || !v.trim()) return undefined;
  const s = v.trim();
  if (/^\d{12,14}$/.test(s)) return new Date(Number(s)).toISOString();
  const t = Date.parse(s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/**
 * A deadline as the portal means it: a date-only value ("2027-10-07" or midnight UTC, as the search
 * API writes dates) is the portal's cut-off, 17:00 Brussels time that day.
 */
export function deadlineInstant(v: unknown): string | undefined {
  const iso = instant(v);
  if (!iso) return undefined;
  if (!iso.endsWith('T00:00:00.000Z')) return iso;
  return DateTime.fromISO(iso.slice(0, 10), { zone: 'Europe/Brussels' }).set({ hour: 17 }).toUTC().toISO() ?? iso;
}

function statusOf(v: unknown): CallStatus | undefined {
  const s = str(v)?.toLowerCase();
  if (!s) return undefined;
  if (STATUS_CODES[s]) return STATUS_CODES[s];
  if (s.startsWith('open')) return 'open';
  if (s.startsWith('forth')) return 'forthcoming';
  if (s.startsWith('clos')) return 'closed';
  return undefined;
}

function modelOf(v: unknown): DeadlineModel | undefined {
  const s = str(v)
    ?.toLowerCase()
    .replace(/[\s_]+/g, '-');
  if (!s) return undefined;
  if (s.includes('two')) return 'two-stage';
  if (s.includes('multiple') || s.includes('cut')) return 'multiple-cut-off';
  if (s.includes('single')) return 'single-stage';
  return undefined;
}

function programmeOf(r: Json, identifier: string | undefined): string | undefined {
  const named = str(r.frameworkProgramme);
  if (named && !/^\d+$/.test(named)) {
    const description = first(r.frameworkProgramme) as Json | undefined;
    return typeof description === 'object' && description && typeof description.description === 'string' ? description.description : named;
  }
  const prefix = identifier?.split('-')[0];
  return prefix ? (PROGRAMME_PREFIXES[prefix] ?? prefix) : undefined;
}

type Action = { action?: unknown; budgetYearMap?: Record<string, unknown> };

/**
 * The topic's own budget from budgetOverview (a JSON string in the search API, an object in the bulk
 * file). Its budgetTopicActionMap covers the whole call, keyed by each topic's numeric ccm2Id; one key
 * may hold several topics' actions, each action naming its topic ("HORIZON-…-02-1-two-stage - HORIZON-RIA").
 * The topic's actions are those under its own ccm2Id, else those whose action names it, else the single
 * key's when the call has one topic. Yearly amounts (numbers or numeric strings) are summed.
 */
export function budgetOf(r: Json, identifier: string | undefined): number | undefined {
  const direct = Number(first(r.budget));
  if (Number.isFinite(direct) && direct > 0) return direct;
  let overview = first(r.budgetOverview ?? r.budgetOverviewJSONItem);
  if (typeof overview === 'string') {
    try {
      overview = JSON.parse(overview);
    } catch {
      return undefined;
    }
  }
  const map = (overview as Json | undefined)?.budgetTopicActionMap as Record<string, Action[]> | undefined;
  if (!map || typeof map !== 'object') return undefined;
  const entries = Object.entries(map);
  const ccm2Id = str(r.ccm2Id);
  const id = identifier?.toUpperCase();
  const names = (a: Action) => {
    const action = typeof a?.action === 'string' ? a.action.trim().toUpperCase() : '';
    return id !== undefined && (action === id || action.startsWith(`${id} `));
  };
  // The actions that name this topic are the most precise answer; otherwise its own key's (or the only
  // key's) actions, leaving out any that name another topic.
  const named = entries.flatMap(([, actions]) => all(actions) as Action[]).filter(names);
  const keyed = ccm2Id && map[ccm2Id] ? (all(map[ccm2Id]) as Action[]) : entries.length === 1 ? (all(entries[0]![1]) as Action[]) : [];
  const namesOther = (a: Action) => typeof a?.action === 'string' && /^[A-Z0-9]+(?:-[A-Za-z0-9]+){2,}\s+-\s/.test(a.action.trim()) && !names(a);
  const actions = named.length ? named : keyed.filter((a) => !namesOther(a));
  let total = 0;
  for (const action of actions) for (const amount of Object.values(action?.budgetYearMap ?? {})) total += Number(amount) || 0;
  return total > 0 ? total : undefined;
}

const topicUrl = (identifier: string) =>
  `https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/topic-details/${identifier.toLowerCase()}`;

/** One portal record (either shape) as an item, or the reason it cannot be one. */
export function portalRecordToRecord(raw: unknown): ReadRecord {
  if (!raw || typeof raw !== 'object') return { ok: false, reason: 'record is not an object' };
  const outer = raw as Json;
  const r: Json =
    outer.metadata && typeof outer.metadata === 'object'
      ? { ...(outer.metadata as Json), url: outer.url, summary: outer.summary, title: first((outer.metadata as Json).title) ?? outer.title }
      : outer;
  const identifier = str(r.identifier) ?? str(outer.reference);
  const title = str(r.title) ?? str(r.callTitle);
  if (!identifier || !title) return { ok: false, reason: 'record without identifier or title' };
  const deadlines = [...all(r.deadlineDatesLong), ...all(r.deadlineDates), ...all(r.deadlineDate)].map(deadlineInstant).filter((d): d is string => Boolean(d));
  const actions = all(r.actions) as Json[];
  const typeOfAction = str(r.typesOfAction) ?? str((all(actions[0]?.types)[0] as Json | undefined)?.typeOfAction);
  const topics = [...all(r.keywords), ...all(r.tags), ...all(r.crossCuttingPriorities)].map((k) => str(k)).filter((k): k is string => Boolean(k));
  const url = str(r.url);
  const input: ItemInput = {
    kind: 'call',
    externalKey: identifier,
    identifier,
    title,
    topics,
    deadlines: [...new Set(deadlines)],
    link: url && /^https?:/.test(url) && !/\.json$/.test(url) ? url : topicUrl(identifier),
  };
  const programme = programmeOf(r, identifier);
  const status = statusOf(r.status);
  const model = modelOf(r.deadlineModel ?? actions[0]?.deadlineModel);
  const opening = instant(first(r.plannedOpeningDate ?? r.startDate ?? actions[0]?.plannedOpeningDate));
  const budget = budgetOf(r, identifier);
  if (programme) input.programme = programme;
  if (typeOfAction) input.actionType = typeOfAction;
  if (status) input.status = status;
  if (model) input.deadlineModel = model;
  if (opening) input.openingAt = opening;
  if (budget !== undefined) {
    input.budget = budget;
    input.currency = 'EUR';
  }
  const callTitle = str(r.callTitle);
  const summary = str(r.summary);
  if (summary ?? callTitle) input.summary = (summary ?? callTitle)!.slice(0, 1000);
  return { ok: true, input };
}

/** A search API page: `{ totalResults, pageNumber, pageSize, results: [...] }` (a bare array is accepted too). */
export function parseSearchPage(text: string): Result<{ records: ReadRecord[]; total?: number; pageSize?: number }, string> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return err('not valid JSON');
  }
  const results = Array.isArray(data) ? data : (data as Json | null)?.results;
  if (!Array.isArray(results)) return err('no "results" in the portal response');
  const page = Array.isArray(data) ? {} : (data as Json);
  const total = Number(page.totalResults);
  const pageSize = Number(page.pageSize);
  return ok({
    records: results.map(portalRecordToRecord),
    ...(Number.isInteger(total) && total >= 0 ? { total } : {}),
    ...(Number.isInteger(pageSize) && pageSize > 0 ? { pageSize } : {}),
  });
}

/** The bulk record fields portalRecordToRecord reads. */
const BULK_FIELDS = new Set([
  'type',
  'ccm2Id',
  'identifier',
  'title',
  'callIdentifier',
  'callTitle',
  'frameworkProgramme',
  'status',
  'plannedOpeningDate',
  'startDate',
  'deadlineModel',
  'deadlineDatesLong',
  'deadlineDates',
  'deadlineDate',
  'tags',
  'keywords',
  'crossCuttingPriorities',
  'actions',
  'budget',
  'budgetOverview',
  'budgetOverviewJSONItem',
  'typesOfAction',
  'url',
  'summary',
]);

/** Streams the bulk file's GrantTenderObj records; a broken file ends with a fatal record. */
export async function* streamBulk(body: Readable): AsyncGenerator<ReadRecord> {
  // Only the fields we read are assembled: the rest of each record (long texts, partner lists) is
  // dropped token by token, so memory stays flat whatever the file carries. pipeline() destroys every
  // stage on an error, so a broken body surfaces in the loop below.
  const wanted = (stack: Array<string | number | null>) =>
    stack[0] === 'fundingData' && stack[1] === 'GrantTenderObj' && (stack.length < 4 || BULK_FIELDS.has(String(stack[3])));
  const records = pipeline(
    body,
    filter.withParserAsStream({ filter: wanted, streamValues: false }),
    pick.asStream({ filter: 'fundingData.GrantTenderObj' }),
    streamArray.asStream(),
    () => undefined,
  );
  let count = 0;
  try {
    for await (const { value } of records as AsyncIterable<{ key: number; value: unknown }>) {
      count++;
      yield portalRecordToRecord(value);
    }
  } catch (error) {
    // A stream that stalled longer than the source's time-out is a time-out, not a broken file.
    if ((error as Error | undefined)?.name === 'TimeoutError') yield { ok: false, fatal: true, reason: `timed out after ${count} records` };
    else yield { ok: false, fatal: true, reason: count ? `bulk file broke off after ${count} records` : 'bulk file is not valid JSON' };
    return;
  } finally {
    body.destroy();
  }
  if (count === 0) yield { ok: false, fatal: true, reason: 'no fundingData.GrantTenderObj records in the file' };
}
