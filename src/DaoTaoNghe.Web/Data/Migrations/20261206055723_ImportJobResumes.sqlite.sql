ALTER TABLE "import_jobs" ADD "resumed_at" TEXT NULL;
ALTER TABLE "import_jobs" ADD "resumes" INTEGER NOT NULL DEFAULT 0;
