-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ExchangeAnswer" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "questionId" INTEGER NOT NULL,
    "authorId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "picked" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL
);
INSERT INTO "new_ExchangeAnswer" ("authorId", "createdAt", "id", "picked", "questionId", "text") SELECT "authorId", "createdAt", "id", "picked", "questionId", "text" FROM "ExchangeAnswer";
DROP TABLE "ExchangeAnswer";
ALTER TABLE "new_ExchangeAnswer" RENAME TO "ExchangeAnswer";
CREATE INDEX "ExchangeAnswer_questionId_idx" ON "ExchangeAnswer"("questionId");
CREATE INDEX "ExchangeAnswer_authorId_idx" ON "ExchangeAnswer"("authorId");
CREATE TABLE "new_ExchangeProfile" (
    "memberId" TEXT NOT NULL PRIMARY KEY,
    "clusterName" TEXT NOT NULL,
    "sector" TEXT NOT NULL,
    "clusterType" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "region" TEXT NOT NULL DEFAULT '',
    "firms" INTEGER,
    "languages" TEXT NOT NULL DEFAULT '[]',
    "canHelp" TEXT NOT NULL DEFAULT '[]',
    "needsHelp" TEXT NOT NULL DEFAULT '[]',
    "tags" TEXT NOT NULL DEFAULT '[]',
    "experience" TEXT NOT NULL DEFAULT '',
    "frequency" TEXT NOT NULL DEFAULT 'biweekly',
    "snoozedUntil" DATETIME,
    "optedOut" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_ExchangeProfile" ("canHelp", "clusterName", "clusterType", "country", "createdAt", "experience", "firms", "frequency", "languages", "memberId", "needsHelp", "optedOut", "region", "sector", "snoozedUntil", "tags", "updatedAt") SELECT "canHelp", "clusterName", "clusterType", "country", "createdAt", "experience", "firms", "frequency", "languages", "memberId", "needsHelp", "optedOut", "region", "sector", "snoozedUntil", "tags", "updatedAt" FROM "ExchangeProfile";
DROP TABLE "ExchangeProfile";
ALTER TABLE "new_ExchangeProfile" RENAME TO "ExchangeProfile";
CREATE TABLE "new_ExchangeProposal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "round" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "seekerId" TEXT NOT NULL,
    "helperId" TEXT NOT NULL,
    "seekerAnswer" TEXT,
    "helperAnswer" TEXT,
    "status" TEXT NOT NULL DEFAULT 'proposed',
    "thread" TEXT,
    "threadClaimAt" DATETIME,
    "acceptedAt" DATETIME,
    "followUpAt" DATETIME,
    "seekerOutcome" TEXT,
    "helperOutcome" TEXT,
    "createdAt" DATETIME NOT NULL
);
INSERT INTO "new_ExchangeProposal" ("acceptedAt", "createdAt", "followUpAt", "helperAnswer", "helperId", "helperOutcome", "id", "round", "seekerAnswer", "seekerId", "seekerOutcome", "status", "thread", "threadClaimAt", "topic") SELECT "acceptedAt", "createdAt", "followUpAt", "helperAnswer", "helperId", "helperOutcome", "id", "round", "seekerAnswer", "seekerId", "seekerOutcome", "status", "thread", "threadClaimAt", "topic" FROM "ExchangeProposal";
DROP TABLE "ExchangeProposal";
ALTER TABLE "new_ExchangeProposal" RENAME TO "ExchangeProposal";
CREATE INDEX "ExchangeProposal_seekerId_idx" ON "ExchangeProposal"("seekerId");
CREATE INDEX "ExchangeProposal_helperId_idx" ON "ExchangeProposal"("helperId");
CREATE INDEX "ExchangeProposal_round_idx" ON "ExchangeProposal"("round");
CREATE INDEX "ExchangeProposal_status_acceptedAt_idx" ON "ExchangeProposal"("status", "acceptedAt");
CREATE TABLE "new_ExchangeQuestion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "askerId" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "topics" TEXT NOT NULL DEFAULT '[]',
    "languages" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "thread" TEXT,
    "summary" TEXT,
    "createdAt" DATETIME NOT NULL,
    "answeredAt" DATETIME
);
INSERT INTO "new_ExchangeQuestion" ("answeredAt", "askerId", "createdAt", "id", "languages", "platform", "status", "summary", "text", "thread", "topics") SELECT "answeredAt", "askerId", "createdAt", "id", "languages", "platform", "status", "summary", "text", "thread", "topics" FROM "ExchangeQuestion";
DROP TABLE "ExchangeQuestion";
ALTER TABLE "new_ExchangeQuestion" RENAME TO "ExchangeQuestion";
CREATE INDEX "ExchangeQuestion_askerId_idx" ON "ExchangeQuestion"("askerId");
CREATE INDEX "ExchangeQuestion_thread_idx" ON "ExchangeQuestion"("thread");
CREATE TABLE "new_InboxEvent" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "receivedAt" DATETIME NOT NULL
);
INSERT INTO "new_InboxEvent" ("key", "receivedAt") SELECT "key", "receivedAt" FROM "InboxEvent";
DROP TABLE "InboxEvent";
ALTER TABLE "new_InboxEvent" RENAME TO "InboxEvent";
CREATE TABLE "new_Member" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "platform" TEXT NOT NULL,
    "platformId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "handle" TEXT,
    "role" TEXT NOT NULL DEFAULT 'member',
    "language" TEXT,
    "timeZone" TEXT,
    "country" TEXT,
    "cluster" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Member" ("cluster", "country", "createdAt", "displayName", "handle", "id", "language", "platform", "platformId", "role", "timeZone", "updatedAt") SELECT "cluster", "country", "createdAt", "displayName", "handle", "id", "language", "platform", "platformId", "role", "timeZone", "updatedAt" FROM "Member";
DROP TABLE "Member";
ALTER TABLE "new_Member" RENAME TO "Member";
CREATE UNIQUE INDEX "Member_platform_platformId_key" ON "Member"("platform", "platformId");
CREATE TABLE "new_OutboxMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "platform" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "lockedUntil" DATETIME,
    "lastError" TEXT,
    "platformRef" TEXT,
    "createdAt" DATETIME NOT NULL,
    "sentAt" DATETIME
);
INSERT INTO "new_OutboxMessage" ("attempts", "createdAt", "dedupeKey", "id", "kind", "lastError", "lockedUntil", "nextAttemptAt", "payload", "platform", "platformRef", "sentAt", "status", "target") SELECT "attempts", "createdAt", "dedupeKey", "id", "kind", "lastError", "lockedUntil", "nextAttemptAt", "payload", "platform", "platformRef", "sentAt", "status", "target" FROM "OutboxMessage";
DROP TABLE "OutboxMessage";
ALTER TABLE "new_OutboxMessage" RENAME TO "OutboxMessage";
CREATE UNIQUE INDEX "OutboxMessage_dedupeKey_key" ON "OutboxMessage"("dedupeKey");
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
