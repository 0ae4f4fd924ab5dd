-- CreateTable
CREATE TABLE "Poll" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "creatorId" TEXT,
    "conversation" TEXT NOT NULL,
    "messageId" TEXT,
    "language" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "options" TEXT NOT NULL,
    "multiple" BOOLEAN NOT NULL,
    "anonymous" BOOLEAN NOT NULL,
    "secret" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "closesAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "closedAt" DATETIME,
    "result" TEXT
);

-- CreateTable
CREATE TABLE "PollVote" (
    "pollId" TEXT NOT NULL,
    "voterKey" TEXT NOT NULL,
    "voterName" TEXT,
    "choices" TEXT NOT NULL,

    PRIMARY KEY ("pollId", "voterKey")
);

-- CreateIndex
CREATE UNIQUE INDEX "Poll_code_key" ON "Poll"("code");

-- CreateIndex
CREATE INDEX "Poll_status_closesAt_idx" ON "Poll"("status", "closesAt");

-- CreateIndex
CREATE INDEX "Poll_creatorId_idx" ON "Poll"("creatorId");
