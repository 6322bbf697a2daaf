CREATE TABLE "employment_outcomes" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_employment_outcomes" PRIMARY KEY AUTOINCREMENT,
    "learner_id" INTEGER NOT NULL,
    "enrolment_id" INTEGER NULL,
    "institution_id" INTEGER NULL,
    "checkpoint" INTEGER NULL,
    "outcome_on" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "enterprise_id" INTEGER NULL,
    "employer_name" TEXT NULL,
    "income_band" TEXT NULL,
    "loan_helped" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "source_id" INTEGER NULL,
    "is_new_job" INTEGER NOT NULL,
    "residence_commune_id" INTEGER NOT NULL,
    "recorded_by_organisation_id" INTEGER NOT NULL,
    "province_id" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "fk_employment_outcomes_administrative_units_residence_commune_id" FOREIGN KEY ("residence_commune_id") REFERENCES "administrative_units" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_employment_outcomes_enrolments_enrolment_id" FOREIGN KEY ("enrolment_id") REFERENCES "enrolments" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_employment_outcomes_learners_learner_id" FOREIGN KEY ("learner_id") REFERENCES "learners" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_employment_outcomes_organisations_enterprise_id" FOREIGN KEY ("enterprise_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_employment_outcomes_organisations_recorded_by_organisation_id" FOREIGN KEY ("recorded_by_organisation_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "ix_employment_outcomes_enrolment_id_checkpoint" ON "employment_outcomes" ("enrolment_id", "checkpoint");
CREATE INDEX "ix_employment_outcomes_enterprise_id" ON "employment_outcomes" ("enterprise_id");
CREATE INDEX "ix_employment_outcomes_institution_id" ON "employment_outcomes" ("institution_id");
CREATE INDEX "ix_employment_outcomes_learner_id_outcome_on" ON "employment_outcomes" ("learner_id", "outcome_on");
CREATE INDEX "ix_employment_outcomes_province_id_outcome_on" ON "employment_outcomes" ("province_id", "outcome_on");
CREATE INDEX "ix_employment_outcomes_recorded_by_organisation_id" ON "employment_outcomes" ("recorded_by_organisation_id");
CREATE INDEX "ix_employment_outcomes_residence_commune_id_outcome_on" ON "employment_outcomes" ("residence_commune_id", "outcome_on");
CREATE UNIQUE INDEX "ix_employment_outcomes_source_source_id" ON "employment_outcomes" ("source", "source_id");
