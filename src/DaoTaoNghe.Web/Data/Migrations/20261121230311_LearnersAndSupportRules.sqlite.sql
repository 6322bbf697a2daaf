CREATE TABLE "commune_classifications" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_commune_classifications" PRIMARY KEY AUTOINCREMENT,
    "commune_id" INTEGER NOT NULL,
    "province_id" INTEGER NOT NULL,
    "difficulty" TEXT NOT NULL,
    "valid_from" TEXT NOT NULL,
    "valid_to" TEXT NULL,
    "legal_basis" TEXT NULL,
    CONSTRAINT "fk_commune_classifications_administrative_units_commune_id" FOREIGN KEY ("commune_id") REFERENCES "administrative_units" ("id") ON DELETE RESTRICT
);
CREATE TABLE "support_rule_sets" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_support_rule_sets" PRIMARY KEY AUTOINCREMENT,
    "province_id" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "effective_from" TEXT NOT NULL,
    "effective_to" TEXT NULL,
    "once_per_person" INTEGER NOT NULL,
    "meal_per_day" INTEGER NOT NULL,
    "notes" TEXT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_support_rule_sets_administrative_units_province_id" FOREIGN KEY ("province_id") REFERENCES "administrative_units" ("id") ON DELETE RESTRICT
);
CREATE TABLE "learners" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_learners" PRIMARY KEY AUTOINCREMENT,
    "full_name" TEXT NOT NULL,
    "search_name" TEXT NOT NULL,
    "birth_date" TEXT NOT NULL,
    "sex" TEXT NOT NULL,
    "cccd" TEXT NULL,
    "cccd_mismatch_confirmed" INTEGER NOT NULL,
    "ethnic_group_id" INTEGER NULL,
    "phone" TEXT NULL,
    "commune_id" INTEGER NOT NULL,
    "province_id" INTEGER NOT NULL,
    "address" TEXT NULL,
    "education_level" TEXT NULL,
    "merged_into_id" INTEGER NULL,
    "merged_at" TEXT NULL,
    "merged_by" TEXT NULL,
    "merge_reason" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "fk_learners_administrative_units_commune_id" FOREIGN KEY ("commune_id") REFERENCES "administrative_units" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_learners_administrative_units_province_id" FOREIGN KEY ("province_id") REFERENCES "administrative_units" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_learners_ethnic_groups_ethnic_group_id" FOREIGN KEY ("ethnic_group_id") REFERENCES "ethnic_groups" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_learners_learners_merged_into_id" FOREIGN KEY ("merged_into_id") REFERENCES "learners" ("id") ON DELETE RESTRICT
);
CREATE TABLE "support_group_rules" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_support_group_rules" PRIMARY KEY AUTOINCREMENT,
    "rule_set_id" INTEGER NOT NULL,
    "group" TEXT NOT NULL,
    "max_per_course" INTEGER NOT NULL,
    "gets_meals" INTEGER NOT NULL,
    "gets_travel" INTEGER NOT NULL,
    CONSTRAINT "fk_support_group_rules_support_rule_sets_rule_set_id" FOREIGN KEY ("rule_set_id") REFERENCES "support_rule_sets" ("id") ON DELETE CASCADE
);
CREATE TABLE "support_travel_rules" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_support_travel_rules" PRIMARY KEY AUTOINCREMENT,
    "rule_set_id" INTEGER NOT NULL,
    "min_distance_km" INTEGER NOT NULL,
    "max_amount" INTEGER NOT NULL,
    "condition" TEXT NOT NULL,
    CONSTRAINT "fk_support_travel_rules_support_rule_sets_rule_set_id" FOREIGN KEY ("rule_set_id") REFERENCES "support_rule_sets" ("id") ON DELETE CASCADE
);
CREATE TABLE "learner_consents" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_learner_consents" PRIMARY KEY AUTOINCREMENT,
    "learner_id" INTEGER NOT NULL,
    "purpose" TEXT NOT NULL,
    "given_on" TEXT NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TEXT NOT NULL,
    "withdrawn_on" TEXT NULL,
    "withdrawal_recorded_by" TEXT NULL,
    "withdrawal_recorded_at" TEXT NULL,
    CONSTRAINT "fk_learner_consents_learners_learner_id" FOREIGN KEY ("learner_id") REFERENCES "learners" ("id") ON DELETE CASCADE
);
CREATE TABLE "learner_households" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_learner_households" PRIMARY KEY AUTOINCREMENT,
    "learner_id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    CONSTRAINT "fk_learner_households_learners_learner_id" FOREIGN KEY ("learner_id") REFERENCES "learners" ("id") ON DELETE CASCADE
);
CREATE TABLE "learner_priorities" (
    "learner_id" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    CONSTRAINT "pk_learner_priorities" PRIMARY KEY ("learner_id", "category"),
    CONSTRAINT "fk_learner_priorities_learners_learner_id" FOREIGN KEY ("learner_id") REFERENCES "learners" ("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "ix_commune_classifications_commune_id_valid_from" ON "commune_classifications" ("commune_id", "valid_from");
CREATE INDEX "ix_commune_classifications_province_id" ON "commune_classifications" ("province_id");
CREATE INDEX "ix_learner_consents_learner_id" ON "learner_consents" ("learner_id");
CREATE UNIQUE INDEX "ix_learner_households_learner_id_year" ON "learner_households" ("learner_id", "year");
CREATE UNIQUE INDEX "ix_learners_cccd" ON "learners" ("cccd") WHERE cccd IS NOT NULL AND merged_into_id IS NULL;
CREATE INDEX "ix_learners_commune_id_search_name" ON "learners" ("commune_id", "search_name");
CREATE INDEX "ix_learners_ethnic_group_id" ON "learners" ("ethnic_group_id");
CREATE INDEX "ix_learners_merged_into_id" ON "learners" ("merged_into_id");
CREATE INDEX "ix_learners_province_id_search_name" ON "learners" ("province_id", "search_name");
CREATE INDEX "ix_learners_search_name_birth_date" ON "learners" ("search_name", "birth_date");
CREATE UNIQUE INDEX "ix_support_group_rules_rule_set_id_group" ON "support_group_rules" ("rule_set_id", "group");
CREATE UNIQUE INDEX "ix_support_rule_sets_province_id_effective_from" ON "support_rule_sets" ("province_id", "effective_from");
CREATE INDEX "ix_support_travel_rules_rule_set_id" ON "support_travel_rules" ("rule_set_id");
