DROP INDEX "ix_learners_commune_id_created_at";
ALTER TABLE "learners" ADD "registered_commune_id" INTEGER NOT NULL DEFAULT 0;
-- The registration counts where the residence rule places the person on the local day the record was made
-- (Learner.RegisteredCommuneId, ResidenceHistory.CommuneOn): the history's period covering that day (a day before
-- the first period is in the first, one after the last in the last), else today's commune for a person without
-- history; then that day's map: a commune that had ceased counts in its successor, and one of today's communes
-- formed from exactly one old commune counts in that old commune before 1/7/2025 (formed from several, it stays on
-- the new commune, which the old map shows as "không rõ xã cũ"), as migration LearnerResidences placed enrolments
-- and outcomes. The maintained values are rebuilt at start-up: the counting of "learners.registered" changed.
UPDATE learners SET registered_commune_id = COALESCE(
    (SELECT r.commune_id FROM learner_residences r WHERE r.learner_id = learners.id
        AND (r.starts_on IS NULL OR r.starts_on <= date(learners.created_at, '+7 hours')) AND (r.ends_on IS NULL OR date(learners.created_at, '+7 hours') <= r.ends_on)
     ORDER BY r.starts_on LIMIT 1),
    (SELECT r.commune_id FROM learner_residences r WHERE r.learner_id = learners.id AND r.starts_on > date(learners.created_at, '+7 hours') ORDER BY r.starts_on LIMIT 1),
    (SELECT r.commune_id FROM learner_residences r WHERE r.learner_id = learners.id ORDER BY (r.starts_on IS NULL), r.starts_on DESC LIMIT 1),
    commune_id);
UPDATE learners SET registered_commune_id = (SELECT u.roll_up_unit_id FROM administrative_units u WHERE u.id = learners.registered_commune_id)
WHERE EXISTS (SELECT 1 FROM administrative_units u WHERE u.id = learners.registered_commune_id AND u.valid_to < date(learners.created_at, '+7 hours') AND u.roll_up_unit_id IS NOT NULL);
UPDATE learners SET registered_commune_id = (SELECT s.predecessor_id FROM unit_successions s WHERE s.successor_id = learners.registered_commune_id)
WHERE EXISTS (SELECT 1 FROM administrative_units u WHERE u.id = learners.registered_commune_id AND u.valid_from > date(learners.created_at, '+7 hours'))
  AND (SELECT count(*) FROM unit_successions s WHERE s.successor_id = learners.registered_commune_id) = 1;
CREATE INDEX "ix_learners_registered_commune_id_created_at" ON "learners" ("registered_commune_id", "created_at");
CREATE TABLE "ef_temp_learners" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_learners" PRIMARY KEY AUTOINCREMENT,
    "address" TEXT NULL,
    "birth_date" TEXT NOT NULL,
    "cccd" TEXT NULL,
    "cccd_mismatch_confirmed" INTEGER NOT NULL,
    "commune_id" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "education_level" TEXT NULL,
    "ethnic_group_id" INTEGER NULL,
    "full_name" TEXT NOT NULL,
    "merge_reason" TEXT NULL,
    "merged_at" TEXT NULL,
    "merged_by" TEXT NULL,
    "merged_into_id" INTEGER NULL,
    "phone" TEXT NULL,
    "province_id" INTEGER NOT NULL,
    "registered_commune_id" INTEGER NOT NULL,
    "search_name" TEXT NOT NULL,
    "sex" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "fk_learners_administrative_units_commune_id" FOREIGN KEY ("commune_id") REFERENCES "administrative_units" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_learners_administrative_units_province_id" FOREIGN KEY ("province_id") REFERENCES "administrative_units" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_learners_administrative_units_registered_commune_id" FOREIGN KEY ("registered_commune_id") REFERENCES "administrative_units" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_learners_ethnic_groups_ethnic_group_id" FOREIGN KEY ("ethnic_group_id") REFERENCES "ethnic_groups" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_learners_learners_merged_into_id" FOREIGN KEY ("merged_into_id") REFERENCES "learners" ("id") ON DELETE RESTRICT
);
INSERT INTO "ef_temp_learners" ("id", "address", "birth_date", "cccd", "cccd_mismatch_confirmed", "commune_id", "created_at", "education_level", "ethnic_group_id", "full_name", "merge_reason", "merged_at", "merged_by", "merged_into_id", "phone", "province_id", "registered_commune_id", "search_name", "sex", "updated_at")
SELECT "id", "address", "birth_date", "cccd", "cccd_mismatch_confirmed", "commune_id", "created_at", "education_level", "ethnic_group_id", "full_name", "merge_reason", "merged_at", "merged_by", "merged_into_id", "phone", "province_id", "registered_commune_id", "search_name", "sex", "updated_at"
FROM "learners";
-- Foreign keys are off while SQLite migrates (SchemaMigration): dropping the old table leaves its references alone.
DROP TABLE "learners";
ALTER TABLE "ef_temp_learners" RENAME TO "learners";
CREATE UNIQUE INDEX "ix_learners_cccd" ON "learners" ("cccd") WHERE cccd IS NOT NULL AND merged_into_id IS NULL;
CREATE INDEX "ix_learners_commune_id_search_name" ON "learners" ("commune_id", "search_name");
CREATE INDEX "ix_learners_ethnic_group_id" ON "learners" ("ethnic_group_id");
CREATE INDEX "ix_learners_merged_into_id" ON "learners" ("merged_into_id");
CREATE INDEX "ix_learners_province_id_search_name" ON "learners" ("province_id", "search_name");
CREATE INDEX "ix_learners_registered_commune_id_created_at" ON "learners" ("registered_commune_id", "created_at");
CREATE INDEX "ix_learners_search_name_birth_date" ON "learners" ("search_name", "birth_date");
