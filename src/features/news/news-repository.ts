// The news feature's storage port. Writes that cause messages take the outbox entries (and a work key
// to claim) so the decision and its messages commit in one transaction.
import type { OutboxEntry, Platform } from '../../core/index.ts';
import type { ItemChange, NewsItem } from './news-item.ts';
import type { NewsSource, SourceDeclaration } from './news-sources.ts';
import type { Subscription } from './news-subscription.ts';

export interface ItemBatch {
  created: NewsItem[];
  updated: Array<{ item: NewsItem; changes: ItemChange[] }>;
  /** Which source record each item came from (counts per source, and the same record maps to the same item). */
  links: Array<{ sourceId: string; externalKey: string; itemId: string }>;
  outbox: OutboxEntry[];
}

export interface DigestRecord {
  claimKey: string;
  subscriptionId: string;
  period: string;
  entries: OutboxEntry[];
  items: Array<{ itemId: string; version: number }>;
}

/** Digests encoded for storage (opaque but for what the job counts), `data` transferable between threads. */
export interface EncodedDigests {
  readonly digests: ReadonlyArray<{ claimKey: string; messages: number }>;
  readonly meta: string;
  readonly data: Uint8Array<ArrayBuffer>;
}

export interface DigestEncoder {
  add(digest: DigestRecord): void;
  readonly count: number;
  /** The digests added since the last take. */
  take(): EncodedDigests;
}

export interface Follow {
  memberId: string;
  itemId: string;
  since: Date;
}

export interface NewsRepository {
  // Items
  /** Items holding any of these (normalised) identifiers or ids. */
  findByKeys(keys: { identifiers: string[]; ids?: string[] }): Promise<NewsItem[]>;
  /** The items a source's records (by the source's own keys: guid, UID, identifier) already became. */
  linkedItems(sourceId: string, externalKeys: string[]): Promise<Map<string, NewsItem>>;
  saveBatch(batch: ItemBatch, now: Date): Promise<void>;
  /** By id or (case-insensitive) identifier. */
  getItem(ref: string): Promise<NewsItem | null>;
  /** Items that still matter at `now` (or whose end is unknown). */
  currentItems(now: Date): Promise<NewsItem[]>;
  countItems(): Promise<number>;

  // Sources
  listSources(): Promise<NewsSource[]>;
  getSource(id: string): Promise<NewsSource | null>;
  /** Every id ever given to a source, removed ones included (ids are never given twice). */
  takenSourceIds(): Promise<string[]>;
  /** Adds it (bringing back a removed source with the same kind and address), or returns the existing one. */
  addSource(
    source: Pick<NewsSource, 'id' | 'kind' | 'url' | 'every' | 'createdAt'> & SourceDeclaration,
    createdBy?: string,
  ): Promise<{ source: NewsSource; created: boolean }>;
  updateSource(id: string, patch: Partial<Omit<NewsSource, 'id' | 'kind' | 'createdAt'>>): Promise<void>;
  /** Removes the source and its record links; its items stay (other sources or followers may hold them). */
  removeSource(id: string): Promise<boolean>;
  /** Marks a source failing and writes the admins' notice in one transaction (the entries' keys make it once). */
  markFailing(id: string, reason: string, now: Date, notices: (failingSince: Date) => OutboxEntry[]): Promise<void>;
  itemCountsBySource(): Promise<Map<string, number>>;
  /** Claims a unique work key ("poll:<source>:<slot>"); false when already claimed. */
  claim(key: string, job: string): Promise<boolean>;

  // Subscriptions and digests
  saveSubscription(subscription: Subscription): Promise<Subscription>;
  deleteSubscription(platform: Platform, targetKey: string): Promise<boolean>;
  getSubscription(platform: Platform, targetKey: string): Promise<Subscription | null>;
  listSubscriptions(): Promise<Subscription[]>;
  countSubscriptions(): Promise<number>;
  sentMarks(subscriptionId: string): Promise<Map<string, number>>;
  /** Sent-marks of many subscriptions in one read: subscription id → item id → version. */
  sentMarksFor(subscriptionIds: string[]): Promise<Map<string, Map<string, number>>>;
  /** Which of these digest claim keys were claimed before (so the job renders only what is new). */
  claimedKeys(keys: string[]): Promise<Set<string>>;
  /**
   * Claims each digest's key, writes the messages and sent-marks of those it claimed, all in one
   * transaction per call; returns the keys it claimed (a key claimed before, or by another replica, is
   * skipped). Digests come as rendered, or encoded by a worker thread with `digestEncoder`.
   */
  recordDigests(digests: DigestRecord[] | EncodedDigests, now: Date): Promise<Set<string>>;
  /** Encodes digests in the form they are stored, to hand from a worker thread to the one that writes. */
  digestEncoder(): DigestEncoder;

  // Follows, "I'm going", preferences
  follow(memberId: string, itemId: string, now: Date): Promise<boolean>;
  unfollow(memberId: string, itemId: string): Promise<boolean>;
  follows(filter?: { memberId?: string; itemIds?: string[] }): Promise<Follow[]>;
  setGoing(memberId: string, itemId: string, going: boolean, now: Date): Promise<void>;
  goingTo(itemId: string): Promise<string[]>;
  /** Who chose whether others see that they are going: member id → shown; those who never chose are absent. */
  goingChoices(memberIds: string[]): Promise<Map<string, boolean>>;
  setShowGoing(memberId: string, show: boolean): Promise<void>;
}
