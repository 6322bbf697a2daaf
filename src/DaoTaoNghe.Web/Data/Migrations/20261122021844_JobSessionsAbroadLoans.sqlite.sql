CREATE TABLE "job_sessions" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_job_sessions" PRIMARY KEY AUTOINCREMENT,
    "province_id" INTEGER NOT NULL,
    "organiser_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "search_text" TEXT NOT NULL,
    "held_on" TEXT NOT NULL,
    "venue_commune_id" INTEGER NOT NULL,
    "is_online" INTEGER NOT NULL,
    "notes" TEXT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_job_sessions_administrative_units_venue_commune_id" FOREIGN KEY ("venue_commune_id") REFERENCES "administrative_units" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_job_sessions_organisations_organiser_id" FOREIGN KEY ("organiser_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT
);
CREATE TABLE "abroad_contracts" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_abroad_contracts" PRIMARY KEY AUTOINCREMENT,
    "learner_id" INTEGER NOT NULL,
    "country" TEXT NOT NULL,
    "receiving_company" TEXT NOT NULL,
    "sending_agency" TEXT NOT NULL,
    "departure_on" TEXT NOT NULL,
    "return_on" TEXT NULL,
    "recorded_by_organisation_id" INTEGER NOT NULL,
    "province_id" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_abroad_contracts_learners_learner_id" FOREIGN KEY ("learner_id") REFERENCES "learners" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_abroad_contracts_organisations_recorded_by_organisation_id" FOREIGN KEY ("recorded_by_organisation_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT
);
CREATE TABLE "social_policy_loans" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_social_policy_loans" PRIMARY KEY AUTOINCREMENT,
    "learner_id" INTEGER NOT NULL,
    "borrower_name" TEXT NOT NULL,
    "bank_branch_id" INTEGER NOT NULL,
    "province_id" INTEGER NOT NULL,
    "purpose" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "loaned_on" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_social_policy_loans_learners_learner_id" FOREIGN KEY ("learner_id") REFERENCES "learners" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_social_policy_loans_organisations_bank_branch_id" FOREIGN KEY ("bank_branch_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT
);
CREATE TABLE "session_enterprises" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_session_enterprises" PRIMARY KEY AUTOINCREMENT,
    "session_id" INTEGER NOT NULL,
    "enterprise_id" INTEGER NOT NULL,
    "organiser_id" INTEGER NOT NULL,
    "province_id" INTEGER NOT NULL,
    CONSTRAINT "fk_session_enterprises_job_sessions_session_id" FOREIGN KEY ("session_id") REFERENCES "job_sessions" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_session_enterprises_organisations_enterprise_id" FOREIGN KEY ("enterprise_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT
);
CREATE TABLE "session_seekers" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_session_seekers" PRIMARY KEY AUTOINCREMENT,
    "session_id" INTEGER NOT NULL,
    "learner_id" INTEGER NOT NULL,
    "organiser_id" INTEGER NOT NULL,
    "province_id" INTEGER NOT NULL,
    CONSTRAINT "fk_session_seekers_job_sessions_session_id" FOREIGN KEY ("session_id") REFERENCES "job_sessions" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_session_seekers_learners_learner_id" FOREIGN KEY ("learner_id") REFERENCES "learners" ("id") ON DELETE RESTRICT
);
CREATE TABLE "job_applications" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_job_applications" PRIMARY KEY AUTOINCREMENT,
    "vacancy_id" INTEGER NOT NULL,
    "session_id" INTEGER NULL,
    "learner_id" INTEGER NOT NULL,
    "applicant_name" TEXT NOT NULL,
    "enterprise_id" INTEGER NOT NULL,
    "recorded_by_organisation_id" INTEGER NOT NULL,
    "province_id" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "proposed_on" TEXT NOT NULL,
    "interviewed_on" TEXT NULL,
    "decided_on" TEXT NULL,
    "notes" TEXT NULL,
    CONSTRAINT "fk_job_applications_job_sessions_session_id" FOREIGN KEY ("session_id") REFERENCES "job_sessions" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_job_applications_learners_learner_id" FOREIGN KEY ("learner_id") REFERENCES "learners" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_job_applications_organisations_enterprise_id" FOREIGN KEY ("enterprise_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_job_applications_organisations_recorded_by_organisation_id" FOREIGN KEY ("recorded_by_organisation_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_job_applications_vacancies_vacancy_id" FOREIGN KEY ("vacancy_id") REFERENCES "vacancies" ("id") ON DELETE RESTRICT
);
CREATE INDEX "ix_abroad_contracts_learner_id" ON "abroad_contracts" ("learner_id");
CREATE INDEX "ix_abroad_contracts_province_id_departure_on" ON "abroad_contracts" ("province_id", "departure_on");
CREATE INDEX "ix_abroad_contracts_recorded_by_organisation_id" ON "abroad_contracts" ("recorded_by_organisation_id");
CREATE INDEX "ix_job_applications_enterprise_id_status" ON "job_applications" ("enterprise_id", "status");
CREATE INDEX "ix_job_applications_learner_id" ON "job_applications" ("learner_id");
CREATE INDEX "ix_job_applications_recorded_by_organisation_id" ON "job_applications" ("recorded_by_organisation_id");
CREATE INDEX "ix_job_applications_session_id" ON "job_applications" ("session_id");
CREATE UNIQUE INDEX "ix_job_applications_vacancy_id_learner_id" ON "job_applications" ("vacancy_id", "learner_id");
CREATE INDEX "ix_job_sessions_organiser_id" ON "job_sessions" ("organiser_id");
CREATE INDEX "ix_job_sessions_province_id_held_on" ON "job_sessions" ("province_id", "held_on");
CREATE INDEX "ix_job_sessions_venue_commune_id" ON "job_sessions" ("venue_commune_id");
CREATE INDEX "ix_session_enterprises_enterprise_id" ON "session_enterprises" ("enterprise_id");
CREATE UNIQUE INDEX "ix_session_enterprises_session_id_enterprise_id" ON "session_enterprises" ("session_id", "enterprise_id");
CREATE INDEX "ix_session_seekers_learner_id" ON "session_seekers" ("learner_id");
CREATE UNIQUE INDEX "ix_session_seekers_session_id_learner_id" ON "session_seekers" ("session_id", "learner_id");
CREATE INDEX "ix_social_policy_loans_bank_branch_id_loaned_on" ON "social_policy_loans" ("bank_branch_id", "loaned_on");
CREATE INDEX "ix_social_policy_loans_learner_id" ON "social_policy_loans" ("learner_id");
