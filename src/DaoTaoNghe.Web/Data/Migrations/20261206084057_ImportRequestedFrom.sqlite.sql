ALTER TABLE "import_jobs" ADD "requested_from" TEXT NULL;
