// What the privacy feature needs from storage beyond the features' own providers: pruning what is
// kept only for delivery (sent messages, delivery ids, finished work) after the retention period,
// and making sure erased rows leave no readable trace in the database files.
export interface PrivacyStore {
  /** Scrubs or deletes what is older than `before`; returns how many rows each kind lost. */
  prune(before: Date): Promise<{ messages: number; deliveries: number; work: number }>;
  /** Flushes the write-ahead log into the (securely deleted) main file, so erased data is gone from both. */
  compact(): Promise<void>;
}
