-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ConversationSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "platform" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "conversation" TEXT NOT NULL,
    "formId" TEXT NOT NULL,
    "context" TEXT NOT NULL DEFAULT '',
    "form" TEXT NOT NULL,
    "step" INTEGER NOT NULL DEFAULT 0,
    "values" TEXT NOT NULL DEFAULT '{}',
    "history" TEXT NOT NULL DEFAULT '[]',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "askedStep" INTEGER,
    "askedAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);
-- Progress from before keeps its place: created when last updated, not yet marked as seen (so the
-- current question is asked again before an answer counts).
INSERT INTO "new_ConversationSession" ("context", "conversation", "form", "formId", "history", "id", "platform", "step", "createdAt", "updatedAt", "userId", "values") SELECT coalesce("context", '') AS "context", "conversation", "form", "formId", "history", "id", "platform", "step", "updatedAt", "updatedAt", "userId", "values" FROM "ConversationSession";
DROP TABLE "ConversationSession";
ALTER TABLE "new_ConversationSession" RENAME TO "ConversationSession";
CREATE INDEX "ConversationSession_formId_context_idx" ON "ConversationSession"("formId", "context");
CREATE UNIQUE INDEX "ConversationSession_platform_userId_formId_context_key" ON "ConversationSession"("platform", "userId", "formId", "context");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
