CREATE TABLE "subject_requests" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_subject_requests" PRIMARY KEY AUTOINCREMENT,
    "learner_id" INTEGER NULL,
    "person_name" TEXT NOT NULL,
    "search_name" TEXT NOT NULL,
    "cccd" TEXT NULL,
    "commune_id" INTEGER NOT NULL,
    "province_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "received_on" TEXT NOT NULL,
    "content" TEXT NULL,
    "officer_id" INTEGER NOT NULL,
    "answer_by" TEXT NOT NULL,
    "carry_out_by" TEXT NOT NULL,
    "extended_from" TEXT NULL,
    "extension_reason" TEXT NULL,
    "status" TEXT NOT NULL,
    "closed_on" TEXT NULL,
    "closing_note" TEXT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_subject_requests_administrative_units_commune_id" FOREIGN KEY ("commune_id") REFERENCES "administrative_units" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_subject_requests_learners_learner_id" FOREIGN KEY ("learner_id") REFERENCES "learners" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_subject_requests_users_officer_id" FOREIGN KEY ("officer_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);
CREATE INDEX "ix_subject_requests_commune_id_received_on" ON "subject_requests" ("commune_id", "received_on");
CREATE INDEX "ix_subject_requests_learner_id" ON "subject_requests" ("learner_id");
CREATE INDEX "ix_subject_requests_officer_id_status" ON "subject_requests" ("officer_id", "status");
