ALTER TABLE "enrolments" ADD "pass_reason" TEXT NULL;
