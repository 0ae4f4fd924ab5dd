-- AlterTable
ALTER TABLE "ExchangeProposal" ADD COLUMN "helperNote" TEXT;
ALTER TABLE "ExchangeProposal" ADD COLUMN "remindedAt" DATETIME;
ALTER TABLE "ExchangeProposal" ADD COLUMN "seekerNote" TEXT;

-- Hand-written: the old per-side outcome codes become answers to "did it help?" (a useful talk or a
-- visit helped; "nothing" means they met without help). "project" keeps its meaning.
UPDATE "ExchangeProposal" SET "seekerOutcome" = 'helped' WHERE "seekerOutcome" IN ('talk', 'visit');
UPDATE "ExchangeProposal" SET "helperOutcome" = 'helped' WHERE "helperOutcome" IN ('talk', 'visit');
UPDATE "ExchangeProposal" SET "seekerOutcome" = 'no_help' WHERE "seekerOutcome" = 'nothing';
UPDATE "ExchangeProposal" SET "helperOutcome" = 'no_help' WHERE "helperOutcome" = 'nothing';
