-- AlterTable
ALTER TABLE "SurveyWave" ADD COLUMN     "respondents" TEXT NOT NULL DEFAULT '{}';
