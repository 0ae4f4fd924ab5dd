-- CreateTable
CREATE TABLE "ExchangePractice" (
    "questionId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "question" TEXT NOT NULL,
    "answers" TEXT NOT NULL,
    "topics" TEXT NOT NULL,
    "indexedAt" DATETIME
);

-- CreateTable
CREATE TABLE "ExchangeSearchTerm" (
    "term" TEXT NOT NULL,
    "head" TEXT NOT NULL,
    "questionId" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("term", "questionId")
);

-- CreateIndex
CREATE INDEX "ExchangeSearchTerm_head_idx" ON "ExchangeSearchTerm"("head");

-- CreateIndex
CREATE INDEX "ExchangeSearchTerm_questionId_idx" ON "ExchangeSearchTerm"("questionId");

-- Hand-written: entries move out of the SQLite-only FTS5 index (ExchangePracticeSearch, rowid = the
-- question id) into ExchangePractice, with indexedAt left null so the app writes their stemmed terms
-- on its next start. Nothing is lost; the virtual table and its shadow tables go.
INSERT INTO "ExchangePractice" ("questionId", "question", "answers", "topics")
    SELECT rowid, "question", "answers", "topics" FROM "ExchangePracticeSearch";
DROP TABLE "ExchangePracticeSearch";
