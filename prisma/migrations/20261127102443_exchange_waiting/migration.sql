-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    "waitingRounds" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_ExchangeProfile" ("canHelp", "clusterName", "clusterType", "country", "createdAt", "experience", "firms", "frequency", "languages", "memberId", "needsHelp", "optedOut", "region", "sector", "snoozedUntil", "tags", "updatedAt") SELECT "canHelp", "clusterName", "clusterType", "country", "createdAt", "experience", "firms", "frequency", "languages", "memberId", "needsHelp", "optedOut", "region", "sector", "snoozedUntil", "tags", "updatedAt" FROM "ExchangeProfile";
DROP TABLE "ExchangeProfile";
ALTER TABLE "new_ExchangeProfile" RENAME TO "ExchangeProfile";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
