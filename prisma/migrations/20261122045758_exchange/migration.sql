-- CreateTable
CREATE TABLE "ExchangeProfile" (
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ExchangeProposal" (
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ExchangeQuestion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "askerId" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "topics" TEXT NOT NULL DEFAULT '[]',
    "languages" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "thread" TEXT,
    "summary" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answeredAt" DATETIME
);

-- CreateTable
CREATE TABLE "ExchangeAnswer" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "questionId" INTEGER NOT NULL,
    "authorId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "picked" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ExchangeAskNotice" (
    "questionId" INTEGER NOT NULL,
    "memberId" TEXT NOT NULL,
    "sentAt" DATETIME NOT NULL,

    PRIMARY KEY ("questionId", "memberId")
);

-- CreateIndex
CREATE INDEX "ExchangeProposal_seekerId_idx" ON "ExchangeProposal"("seekerId");

-- CreateIndex
CREATE INDEX "ExchangeProposal_helperId_idx" ON "ExchangeProposal"("helperId");

-- CreateIndex
CREATE INDEX "ExchangeProposal_round_idx" ON "ExchangeProposal"("round");

-- CreateIndex
CREATE INDEX "ExchangeProposal_status_acceptedAt_idx" ON "ExchangeProposal"("status", "acceptedAt");

-- CreateIndex
CREATE INDEX "ExchangeQuestion_askerId_idx" ON "ExchangeQuestion"("askerId");

-- CreateIndex
CREATE INDEX "ExchangeQuestion_thread_idx" ON "ExchangeQuestion"("thread");

-- CreateIndex
CREATE INDEX "ExchangeAnswer_questionId_idx" ON "ExchangeAnswer"("questionId");

-- CreateIndex
CREATE INDEX "ExchangeAnswer_authorId_idx" ON "ExchangeAnswer"("authorId");

-- CreateIndex
CREATE INDEX "ExchangeAskNotice_memberId_sentAt_idx" ON "ExchangeAskNotice"("memberId", "sentAt");

-- Hand-written: the full-text index of good-practice entries (answered questions). Prisma cannot
-- describe FTS5 virtual tables (the diff treats them as external tables); rowid is the
-- ExchangeQuestion id. Diacritics are folded so "qualita" finds "qualità".
CREATE VIRTUAL TABLE "ExchangePracticeSearch" USING fts5(
    "question",
    "answers",
    "topics",
    tokenize = 'unicode61 remove_diacritics 2'
);
