-- AlterTable
ALTER TABLE "NewsSource" ADD COLUMN     "carries" TEXT,
ADD COLUMN     "countries" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "lastLeft" INTEGER,
ADD COLUMN     "lastTotal" INTEGER,
ADD COLUMN     "paused" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "programme" TEXT,
ADD COLUMN     "topics" TEXT NOT NULL DEFAULT '[]';
