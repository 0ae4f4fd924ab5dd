-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SurveyWave" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "surveyId" TEXT NOT NULL,
    "wave" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "definition" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "anonymous" BOOLEAN NOT NULL DEFAULT false,
    "openedAt" DATETIME,
    "closesAt" DATETIME,
    "closedAt" DATETIME,
    "invited" TEXT NOT NULL DEFAULT '[]',
    "channels" TEXT NOT NULL DEFAULT '[]',
    "respondents" TEXT NOT NULL DEFAULT '{}'
);
INSERT INTO "new_SurveyWave" ("anonymous", "channels", "closedAt", "closesAt", "definition", "id", "invited", "openedAt", "status", "surveyId", "version", "wave") SELECT "anonymous", "channels", "closedAt", "closesAt", "definition", "id", "invited", "openedAt", "status", "surveyId", "version", "wave" FROM "SurveyWave";
DROP TABLE "SurveyWave";
ALTER TABLE "new_SurveyWave" RENAME TO "SurveyWave";
CREATE UNIQUE INDEX "SurveyWave_surveyId_wave_key" ON "SurveyWave"("surveyId", "wave");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
