// Storage the network feature needs beyond the member directory: one-time codes that link a
// person's accounts on two platforms.
export interface LinkCodes {
  /** A fresh code for `memberId`, valid until `expiresAt`; only its hash is stored. */
  issue(memberId: string, expiresAt: Date): Promise<string>;
  /** The member a valid code belongs to (the code is used up), or null when unknown or expired. */
  redeem(code: string, now: Date): Promise<string | null>;
}
