-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "lockedBy" TEXT;

-- AlterTable
ALTER TABLE "WorkItem" ADD COLUMN "lockedBy" TEXT;
ALTER TABLE "WorkItem" ADD COLUMN "lockedUntil" DATETIME;

-- CreateTable
CREATE TABLE "Replica" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "lockKey" INTEGER NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "seenAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Replica_lockKey_key" ON "Replica"("lockKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_target_status_idx" ON "OutboxMessage"("target", "status");
