-- CreateTable
CREATE TABLE "Member" (
    "id" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "platformId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "handle" TEXT,
    "role" TEXT NOT NULL DEFAULT 'member',
    "language" TEXT,
    "timeZone" TEXT,
    "country" TEXT,
    "cluster" TEXT,
    "privacyNoticeAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MemberIdentity" (
    "platform" TEXT NOT NULL,
    "platformId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MemberIdentity_pkey" PRIMARY KEY ("platform","platformId")
);

-- CreateTable
CREATE TABLE "LinkCode" (
    "codeHash" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LinkCode_pkey" PRIMARY KEY ("codeHash")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "lockedUntil" TIMESTAMP(3),
    "lockedBy" TEXT,
    "lastError" TEXT,
    "platformRef" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkItem" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "job" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "payload" TEXT NOT NULL DEFAULT '{}',
    "claimedAt" TIMESTAMP(3),
    "lockedUntil" TIMESTAMP(3),
    "lockedBy" TEXT,
    "doneAt" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "WorkItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobRun" (
    "job" TEXT NOT NULL,
    "lastRunAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("job")
);

-- CreateTable
CREATE TABLE "InboxEvent" (
    "key" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InboxEvent_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ConversationSession" (
    "id" TEXT NOT NULL,
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
    "askedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConversationSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExchangeProfile" (
    "memberId" TEXT NOT NULL,
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
    "snoozedUntil" TIMESTAMP(3),
    "optedOut" BOOLEAN NOT NULL DEFAULT false,
    "waitingRounds" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExchangeProfile_pkey" PRIMARY KEY ("memberId")
);

-- CreateTable
CREATE TABLE "ExchangeProposal" (
    "id" TEXT NOT NULL,
    "round" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "seekerId" TEXT NOT NULL,
    "helperId" TEXT NOT NULL,
    "seekerAnswer" TEXT,
    "helperAnswer" TEXT,
    "status" TEXT NOT NULL DEFAULT 'proposed',
    "thread" TEXT,
    "threadClaimAt" TIMESTAMP(3),
    "acceptedAt" TIMESTAMP(3),
    "followUpAt" TIMESTAMP(3),
    "seekerOutcome" TEXT,
    "helperOutcome" TEXT,
    "seekerNote" TEXT,
    "helperNote" TEXT,
    "remindedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExchangeProposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExchangeQuestion" (
    "id" SERIAL NOT NULL,
    "askerId" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "topics" TEXT NOT NULL DEFAULT '[]',
    "languages" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "thread" TEXT,
    "summary" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "answeredAt" TIMESTAMP(3),

    CONSTRAINT "ExchangeQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExchangeAnswer" (
    "id" SERIAL NOT NULL,
    "questionId" INTEGER NOT NULL,
    "authorId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "picked" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExchangeAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExchangeAskNotice" (
    "questionId" INTEGER NOT NULL,
    "memberId" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExchangeAskNotice_pkey" PRIMARY KEY ("questionId","memberId")
);

-- CreateTable
CREATE TABLE "ExchangePractice" (
    "questionId" INTEGER NOT NULL,
    "question" TEXT NOT NULL,
    "answers" TEXT NOT NULL,
    "topics" TEXT NOT NULL,
    "indexedAt" TIMESTAMP(3),

    CONSTRAINT "ExchangePractice_pkey" PRIMARY KEY ("questionId")
);

-- CreateTable
CREATE TABLE "ExchangeSearchTerm" (
    "term" TEXT NOT NULL,
    "head" TEXT NOT NULL,
    "questionId" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "ExchangeSearchTerm_pkey" PRIMARY KEY ("term","questionId")
);

-- CreateTable
CREATE TABLE "NewsItem" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "identifier" TEXT,
    "linkKey" TEXT,
    "titleKey" TEXT NOT NULL,
    "status" TEXT,
    "relevantTo" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "data" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NewsItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NewsItemSource" (
    "sourceId" TEXT NOT NULL,
    "externalKey" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NewsItemSource_pkey" PRIMARY KEY ("sourceId","externalKey")
);

-- CreateTable
CREATE TABLE "NewsChange" (
    "id" SERIAL NOT NULL,
    "itemId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "field" TEXT NOT NULL,
    "before" TEXT NOT NULL,
    "after" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NewsChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NewsSource" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "every" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'new',
    "lastError" TEXT,
    "failingSince" TIMESTAMP(3),
    "lastPolledAt" TIMESTAMP(3),
    "lastSuccessAt" TIMESTAMP(3),
    "etag" TEXT,
    "lastModified" TEXT,
    "lastImported" INTEGER NOT NULL DEFAULT 0,
    "lastSkipped" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "createdBy" TEXT,

    CONSTRAINT "NewsSource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NewsSubscription" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NewsSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NewsSent" (
    "subscriptionId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NewsSent_pkey" PRIMARY KEY ("subscriptionId","itemId")
);

-- CreateTable
CREATE TABLE "NewsFollow" (
    "memberId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NewsFollow_pkey" PRIMARY KEY ("memberId","itemId")
);

-- CreateTable
CREATE TABLE "NewsGoing" (
    "memberId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NewsGoing_pkey" PRIMARY KEY ("memberId","itemId")
);

-- CreateTable
CREATE TABLE "NewsPrefs" (
    "memberId" TEXT NOT NULL,
    "showGoing" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "NewsPrefs_pkey" PRIMARY KEY ("memberId")
);

-- CreateTable
CREATE TABLE "Replica" (
    "id" TEXT NOT NULL,
    "lockKey" INTEGER NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Replica_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Survey" (
    "id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "wave" TEXT NOT NULL,
    "definition" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "importedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Survey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyWave" (
    "id" TEXT NOT NULL,
    "surveyId" TEXT NOT NULL,
    "wave" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "definition" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "anonymous" BOOLEAN NOT NULL DEFAULT false,
    "openedAt" TIMESTAMP(3),
    "closesAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "invited" TEXT NOT NULL DEFAULT '[]',
    "channels" TEXT NOT NULL DEFAULT '[]',

    CONSTRAINT "SurveyWave_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyResponse" (
    "id" TEXT NOT NULL,
    "waveId" TEXT NOT NULL,
    "unitKey" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "answers" TEXT NOT NULL,
    "country" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SurveyResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyParticipation" (
    "waveId" TEXT NOT NULL,
    "unitKey" TEXT NOT NULL,

    CONSTRAINT "SurveyParticipation_pkey" PRIMARY KEY ("waveId","unitKey")
);

-- CreateTable
CREATE TABLE "SurveyAnonymousAnswer" (
    "id" TEXT NOT NULL,
    "waveId" TEXT NOT NULL,
    "week" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "answers" TEXT NOT NULL,

    CONSTRAINT "SurveyAnonymousAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Member_platform_platformId_key" ON "Member"("platform", "platformId");

-- CreateIndex
CREATE INDEX "MemberIdentity_memberId_idx" ON "MemberIdentity"("memberId");

-- CreateIndex
CREATE INDEX "LinkCode_memberId_idx" ON "LinkCode"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_dedupeKey_key" ON "OutboxMessage"("dedupeKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_target_status_idx" ON "OutboxMessage"("target", "status");

-- CreateIndex
CREATE UNIQUE INDEX "WorkItem_key_key" ON "WorkItem"("key");

-- CreateIndex
CREATE INDEX "WorkItem_status_dueAt_idx" ON "WorkItem"("status", "dueAt");

-- CreateIndex
CREATE INDEX "ConversationSession_formId_context_idx" ON "ConversationSession"("formId", "context");

-- CreateIndex
CREATE UNIQUE INDEX "ConversationSession_platform_userId_formId_context_key" ON "ConversationSession"("platform", "userId", "formId", "context");

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

-- CreateIndex
CREATE INDEX "ExchangeSearchTerm_head_idx" ON "ExchangeSearchTerm"("head");

-- CreateIndex
CREATE INDEX "ExchangeSearchTerm_questionId_idx" ON "ExchangeSearchTerm"("questionId");

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

-- CreateIndex
CREATE UNIQUE INDEX "Replica_lockKey_key" ON "Replica"("lockKey");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyWave_surveyId_wave_key" ON "SurveyWave"("surveyId", "wave");

-- CreateIndex
CREATE INDEX "SurveyResponse_waveId_status_idx" ON "SurveyResponse"("waveId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyResponse_waveId_unitKey_key" ON "SurveyResponse"("waveId", "unitKey");

-- CreateIndex
CREATE INDEX "SurveyAnonymousAnswer_waveId_idx" ON "SurveyAnonymousAnswer"("waveId");
