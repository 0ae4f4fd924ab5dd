-- CreateTable
CREATE TABLE "NewsItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "identifier" TEXT,
    "linkKey" TEXT,
    "titleKey" TEXT NOT NULL,
    "status" TEXT,
    "relevantTo" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    "data" TEXT NOT NULL,
    "firstSeenAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "NewsItemSource" (
    "sourceId" TEXT NOT NULL,
    "externalKey" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "seenAt" DATETIME NOT NULL,

    PRIMARY KEY ("sourceId", "externalKey")
);

-- CreateTable
CREATE TABLE "NewsChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "itemId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "field" TEXT NOT NULL,
    "before" TEXT NOT NULL,
    "after" TEXT NOT NULL,
    "at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "NewsSource" (
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
    "createdAt" DATETIME NOT NULL,
    "createdBy" TEXT
);

-- CreateTable
CREATE TABLE "NewsSubscription" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "platform" TEXT NOT NULL,
    "targetKey" TEXT NOT NULL,
    "memberId" TEXT,
    "channel" TEXT,
    "filters" TEXT NOT NULL,
    "cadence" TEXT NOT NULL,
    "at" TEXT NOT NULL,
    "day" INTEGER NOT NULL,
    "timeZone" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "NewsSent" (
    "subscriptionId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "sentAt" DATETIME NOT NULL,

    PRIMARY KEY ("subscriptionId", "itemId")
);

-- CreateTable
CREATE TABLE "NewsFollow" (
    "memberId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,

    PRIMARY KEY ("memberId", "itemId")
);

-- CreateTable
CREATE TABLE "NewsGoing" (
    "memberId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,

    PRIMARY KEY ("memberId", "itemId")
);

-- CreateTable
CREATE TABLE "NewsPrefs" (
    "memberId" TEXT NOT NULL PRIMARY KEY,
    "showGoing" BOOLEAN NOT NULL DEFAULT false
);

-- CreateIndex
CREATE UNIQUE INDEX "NewsItem_identifier_key" ON "NewsItem"("identifier");

-- CreateIndex
CREATE INDEX "NewsItem_linkKey_idx" ON "NewsItem"("linkKey");

-- CreateIndex
CREATE INDEX "NewsItem_titleKey_idx" ON "NewsItem"("titleKey");

-- CreateIndex
CREATE INDEX "NewsItem_relevantTo_idx" ON "NewsItem"("relevantTo");

-- CreateIndex
CREATE INDEX "NewsItemSource_itemId_idx" ON "NewsItemSource"("itemId");

-- CreateIndex
CREATE INDEX "NewsChange_itemId_version_idx" ON "NewsChange"("itemId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "NewsSource_kind_url_key" ON "NewsSource"("kind", "url");

-- CreateIndex
CREATE UNIQUE INDEX "NewsSubscription_platform_targetKey_key" ON "NewsSubscription"("platform", "targetKey");

-- CreateIndex
CREATE INDEX "NewsFollow_itemId_idx" ON "NewsFollow"("itemId");

-- CreateIndex
CREATE INDEX "NewsGoing_itemId_idx" ON "NewsGoing"("itemId");
