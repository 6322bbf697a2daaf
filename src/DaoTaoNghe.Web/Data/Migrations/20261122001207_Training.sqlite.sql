CREATE TABLE "certificate_counters" (
    "institution_id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "last_number" INTEGER NOT NULL,
    CONSTRAINT "pk_certificate_counters" PRIMARY KEY ("institution_id", "year"),
    CONSTRAINT "fk_certificate_counters_organisations_institution_id" FOREIGN KEY ("institution_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT
);
CREATE TABLE "training_orders" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_training_orders" PRIMARY KEY AUTOINCREMENT,
    "province_id" INTEGER NOT NULL,
    "institution_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "occupation_id" INTEGER NOT NULL,
    "level" TEXT NOT NULL,
    "quota" INTEGER NOT NULL,
    "unit_cost" INTEGER NOT NULL,
    "budget" INTEGER NOT NULL,
    "decision_number" TEXT NOT NULL,
    "decision_date" TEXT NOT NULL,
    "notes" TEXT NULL,
    "search_text" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_training_orders_administrative_units_province_id" FOREIGN KEY ("province_id") REFERENCES "administrative_units" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_training_orders_occupations_occupation_id" FOREIGN KEY ("occupation_id") REFERENCES "occupations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_training_orders_organisations_institution_id" FOREIGN KEY ("institution_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT
);
CREATE TABLE "training_needs" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_training_needs" PRIMARY KEY AUTOINCREMENT,
    "commune_id" INTEGER NOT NULL,
    "province_id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "occupation_id" INTEGER NOT NULL,
    "learner_id" INTEGER NULL,
    "count" INTEGER NOT NULL,
    "preferred_time" TEXT NULL,
    "surveyed_on" TEXT NOT NULL,
    "notes" TEXT NULL,
    "recorded_by" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_training_needs_administrative_units_commune_id" FOREIGN KEY ("commune_id") REFERENCES "administrative_units" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_training_needs_learners_learner_id" FOREIGN KEY ("learner_id") REFERENCES "learners" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_training_needs_occupations_occupation_id" FOREIGN KEY ("occupation_id") REFERENCES "occupations" ("id") ON DELETE RESTRICT
);
CREATE TABLE "courses" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_courses" PRIMARY KEY AUTOINCREMENT,
    "institution_id" INTEGER NOT NULL,
    "province_id" INTEGER NOT NULL,
    "order_id" INTEGER NULL,
    "programme_id" INTEGER NOT NULL,
    "occupation_id" INTEGER NOT NULL,
    "level" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "search_text" TEXT NOT NULL,
    "venue_commune_id" INTEGER NOT NULL,
    "venue_address" TEXT NULL,
    "start_date" TEXT NOT NULL,
    "end_date" TEXT NOT NULL,
    "planned_days" INTEGER NOT NULL,
    "capacity" INTEGER NOT NULL,
    "actual_unit_cost" INTEGER NOT NULL,
    "attendance_mode" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "started_on" TEXT NULL,
    "finished_on" TEXT NULL,
    "cancelled_on" TEXT NULL,
    "cancel_reason" TEXT NULL,
    "notes" TEXT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_courses_administrative_units_venue_commune_id" FOREIGN KEY ("venue_commune_id") REFERENCES "administrative_units" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_courses_occupations_occupation_id" FOREIGN KEY ("occupation_id") REFERENCES "occupations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_courses_organisations_institution_id" FOREIGN KEY ("institution_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_courses_programmes_programme_id" FOREIGN KEY ("programme_id") REFERENCES "programmes" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_courses_training_orders_order_id" FOREIGN KEY ("order_id") REFERENCES "training_orders" ("id") ON DELETE RESTRICT
);
CREATE TABLE "course_trainers" (
    "course_id" INTEGER NOT NULL,
    "trainer_id" INTEGER NOT NULL,
    "institution_id" INTEGER NOT NULL,
    CONSTRAINT "pk_course_trainers" PRIMARY KEY ("course_id", "trainer_id"),
    CONSTRAINT "fk_course_trainers_courses_course_id" FOREIGN KEY ("course_id") REFERENCES "courses" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_course_trainers_trainers_trainer_id" FOREIGN KEY ("trainer_id") REFERENCES "trainers" ("id") ON DELETE RESTRICT
);
CREATE TABLE "enrolments" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_enrolments" PRIMARY KEY AUTOINCREMENT,
    "course_id" INTEGER NOT NULL,
    "learner_id" INTEGER NOT NULL,
    "institution_id" INTEGER NOT NULL,
    "province_id" INTEGER NOT NULL,
    "residence_commune_id" INTEGER NOT NULL,
    "enrolled_on" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "distance_km" REAL NULL,
    "travel_fare" INTEGER NULL,
    "other_policy_paid" INTEGER NOT NULL,
    "days_attended" INTEGER NOT NULL,
    "result_on" TEXT NULL,
    "score" REAL NULL,
    "dropped_on" TEXT NULL,
    "drop_reason" TEXT NULL,
    "support_rule_set_id" INTEGER NULL,
    "support_rule_set_code" TEXT NULL,
    "support_group" TEXT NULL,
    "support_tuition" INTEGER NOT NULL,
    "support_meals" INTEGER NOT NULL,
    "support_travel" INTEGER NOT NULL,
    "support_derivation" TEXT NOT NULL,
    "support_computed_at" TEXT NULL,
    "override_tuition" INTEGER NULL,
    "override_meals" INTEGER NULL,
    "override_travel" INTEGER NULL,
    "override_reason" TEXT NULL,
    "override_by" TEXT NULL,
    "override_at" TEXT NULL,
    "support_total" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_enrolments_administrative_units_residence_commune_id" FOREIGN KEY ("residence_commune_id") REFERENCES "administrative_units" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_enrolments_courses_course_id" FOREIGN KEY ("course_id") REFERENCES "courses" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_enrolments_learners_learner_id" FOREIGN KEY ("learner_id") REFERENCES "learners" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_enrolments_support_rule_sets_support_rule_set_id" FOREIGN KEY ("support_rule_set_id") REFERENCES "support_rule_sets" ("id") ON DELETE RESTRICT
);
CREATE TABLE "attendance_records" (
    "enrolment_id" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "present" INTEGER NOT NULL,
    "course_id" INTEGER NOT NULL,
    "institution_id" INTEGER NOT NULL,
    CONSTRAINT "pk_attendance_records" PRIMARY KEY ("enrolment_id", "date"),
    CONSTRAINT "fk_attendance_records_enrolments_enrolment_id" FOREIGN KEY ("enrolment_id") REFERENCES "enrolments" ("id") ON DELETE CASCADE
);
CREATE TABLE "certificates" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_certificates" PRIMARY KEY AUTOINCREMENT,
    "enrolment_id" INTEGER NOT NULL,
    "institution_id" INTEGER NOT NULL,
    "province_id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "verification_code" TEXT NOT NULL,
    "issued_on" TEXT NOT NULL,
    "issued_by" TEXT NOT NULL,
    "holder_name" TEXT NOT NULL,
    "holder_birth_date" TEXT NOT NULL,
    "occupation_name" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "institution_name" TEXT NOT NULL,
    "course_start" TEXT NOT NULL,
    "course_end" TEXT NOT NULL,
    "revoked_on" TEXT NULL,
    "revocation_reason" TEXT NULL,
    "revoked_by" TEXT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_certificates_enrolments_enrolment_id" FOREIGN KEY ("enrolment_id") REFERENCES "enrolments" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_certificates_organisations_institution_id" FOREIGN KEY ("institution_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT
);
CREATE INDEX "ix_attendance_records_course_id_date" ON "attendance_records" ("course_id", "date");
CREATE UNIQUE INDEX "ix_certificates_enrolment_id" ON "certificates" ("enrolment_id") WHERE revoked_on IS NULL;
CREATE UNIQUE INDEX "ix_certificates_institution_id_year_sequence" ON "certificates" ("institution_id", "year", "sequence");
CREATE INDEX "ix_certificates_province_id_issued_on" ON "certificates" ("province_id", "issued_on");
CREATE UNIQUE INDEX "ix_certificates_verification_code" ON "certificates" ("verification_code");
CREATE INDEX "ix_course_trainers_trainer_id" ON "course_trainers" ("trainer_id");
CREATE INDEX "ix_courses_institution_id_start_date" ON "courses" ("institution_id", "start_date");
CREATE INDEX "ix_courses_occupation_id_level" ON "courses" ("occupation_id", "level");
CREATE INDEX "ix_courses_order_id" ON "courses" ("order_id");
CREATE INDEX "ix_courses_programme_id" ON "courses" ("programme_id");
CREATE INDEX "ix_courses_province_id_start_date" ON "courses" ("province_id", "start_date");
CREATE INDEX "ix_courses_venue_commune_id" ON "courses" ("venue_commune_id");
CREATE UNIQUE INDEX "ix_enrolments_course_id_learner_id" ON "enrolments" ("course_id", "learner_id");
CREATE INDEX "ix_enrolments_institution_id_status" ON "enrolments" ("institution_id", "status");
CREATE INDEX "ix_enrolments_learner_id_support_rule_set_id" ON "enrolments" ("learner_id", "support_rule_set_id");
CREATE INDEX "ix_enrolments_province_id_status" ON "enrolments" ("province_id", "status");
CREATE INDEX "ix_enrolments_residence_commune_id_status" ON "enrolments" ("residence_commune_id", "status");
CREATE INDEX "ix_enrolments_support_rule_set_id" ON "enrolments" ("support_rule_set_id");
CREATE UNIQUE INDEX "ix_training_needs_commune_id_occupation_id_year" ON "training_needs" ("commune_id", "occupation_id", "year") WHERE learner_id IS NULL;
CREATE UNIQUE INDEX "ix_training_needs_learner_id_occupation_id_year" ON "training_needs" ("learner_id", "occupation_id", "year") WHERE learner_id IS NOT NULL;
CREATE INDEX "ix_training_needs_occupation_id" ON "training_needs" ("occupation_id");
CREATE INDEX "ix_training_needs_province_id_year" ON "training_needs" ("province_id", "year");
CREATE INDEX "ix_training_orders_institution_id_year" ON "training_orders" ("institution_id", "year");
CREATE INDEX "ix_training_orders_occupation_id" ON "training_orders" ("occupation_id");
CREATE INDEX "ix_training_orders_province_id_year" ON "training_orders" ("province_id", "year");
