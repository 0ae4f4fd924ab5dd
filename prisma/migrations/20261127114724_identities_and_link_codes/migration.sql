-- AlterTable
ALTER TABLE "Member" ADD COLUMN "privacyNoticeAt" DATETIME;

-- CreateTable
CREATE TABLE "MemberIdentity" (
    "platform" TEXT NOT NULL,
    "platformId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,

    PRIMARY KEY ("platform", "platformId")
);

-- CreateTable
CREATE TABLE "LinkCode" (
    "codeHash" TEXT NOT NULL PRIMARY KEY,
    "memberId" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "MemberIdentity_memberId_idx" ON "MemberIdentity"("memberId");

-- CreateIndex
CREATE INDEX "LinkCode_memberId_idx" ON "LinkCode"("memberId");

-- Every existing member has the one identity it was created with.
INSERT INTO "MemberIdentity" ("platform", "platformId", "memberId", "displayName", "createdAt")
SELECT "platform", "platformId", "id", "displayName", "createdAt" FROM "Member";
