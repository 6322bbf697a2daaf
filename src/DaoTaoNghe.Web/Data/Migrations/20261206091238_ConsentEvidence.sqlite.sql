ALTER TABLE "learner_consents" ADD "method" TEXT NULL;
ALTER TABLE "learner_consents" ADD "notice_version" TEXT NULL;
