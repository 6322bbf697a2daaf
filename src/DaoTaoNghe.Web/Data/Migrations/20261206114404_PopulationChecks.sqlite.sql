CREATE TABLE "population_checks" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_population_checks" PRIMARY KEY AUTOINCREMENT,
    "learner_id" INTEGER NOT NULL,
    "checked_at" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "checked_by" TEXT NOT NULL,
    CONSTRAINT "fk_population_checks_learners_learner_id" FOREIGN KEY ("learner_id") REFERENCES "learners" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_population_checks_learner_id_checked_at" ON "population_checks" ("learner_id", "checked_at");
