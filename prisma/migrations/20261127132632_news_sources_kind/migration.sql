-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_NewsSource" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "every" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'new',
    "lastError" TEXT,
    "failingSince" DATETIME,
    "lastPolledAt" DATETIME,
    "lastSuccessAt" DATETIME,
    "etag" TEXT,
    "lastModified" TEXT,
    "lastImported" INTEGER NOT NULL DEFAULT 0,
    "lastSkipped" INTEGER NOT NULL DEFAULT 0,
    "lastTotal" INTEGER,
    "lastLeft" INTEGER,
    "carries" TEXT,
    "programme" TEXT,
    "countries" TEXT NOT NULL DEFAULT '[]',
    "topics" TEXT NOT NULL DEFAULT '[]',
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL,
    "createdBy" TEXT
);
INSERT INTO "new_NewsSource" ("createdAt", "createdBy", "etag", "every", "failingSince", "id", "kind", "lastError", "lastImported", "lastModified", "lastPolledAt", "lastSkipped", "lastSuccessAt", "state", "url") SELECT "createdAt", "createdBy", "etag", "every", "failingSince", "id", "kind", "lastError", "lastImported", "lastModified", "lastPolledAt", "lastSkipped", "lastSuccessAt", "state", "url" FROM "NewsSource";
DROP TABLE "NewsSource";
ALTER TABLE "new_NewsSource" RENAME TO "NewsSource";
CREATE UNIQUE INDEX "NewsSource_kind_url_key" ON "NewsSource"("kind", "url");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
