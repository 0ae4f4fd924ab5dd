-- CreateTable
CREATE TABLE "Survey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "version" INTEGER NOT NULL,
    "wave" TEXT NOT NULL,
    "definition" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "importedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SurveyWave" (
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
    "channels" TEXT NOT NULL DEFAULT '[]'
);

-- CreateTable
CREATE TABLE "SurveyResponse" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "waveId" TEXT NOT NULL,
    "unitKey" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "answers" TEXT NOT NULL,
    "country" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SurveyParticipation" (
    "waveId" TEXT NOT NULL,
    "unitKey" TEXT NOT NULL,

    PRIMARY KEY ("waveId", "unitKey")
);

-- CreateTable
CREATE TABLE "SurveyAnonymousAnswer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "waveId" TEXT NOT NULL,
    "week" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "answers" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "SurveyWave_surveyId_wave_key" ON "SurveyWave"("surveyId", "wave");

-- CreateIndex
CREATE INDEX "SurveyResponse_waveId_status_idx" ON "SurveyResponse"("waveId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyResponse_waveId_unitKey_key" ON "SurveyResponse"("waveId", "unitKey");

-- CreateIndex
CREATE INDEX "SurveyAnonymousAnswer_waveId_idx" ON "SurveyAnonymousAnswer"("waveId");
