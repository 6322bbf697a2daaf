CREATE TABLE "learner_residences" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_learner_residences" PRIMARY KEY AUTOINCREMENT,
    "learner_id" INTEGER NOT NULL,
    "commune_id" INTEGER NOT NULL,
    "starts_on" TEXT NULL,
    "ends_on" TEXT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TEXT NOT NULL,
    CONSTRAINT "fk_learner_residences_administrative_units_commune_id" FOREIGN KEY ("commune_id") REFERENCES "administrative_units" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_learner_residences_learners_learner_id" FOREIGN KEY ("learner_id") REFERENCES "learners" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_learner_residences_commune_id" ON "learner_residences" ("commune_id");
CREATE INDEX "ix_learner_residences_learner_id_starts_on" ON "learner_residences" ("learner_id", "starts_on");

-- Learners registered before the history have no rows: the residence rule reads that as one open period in their
-- current commune since their first record. By that rule a record dated before 1/7/2025 of a commune that came from
-- exactly one old commune lies in that old commune; one of a commune merged from several stays on the new commune
-- (the old map shows it as "không rõ xã cũ"). The indicator triggers mark the cells these updates move.
UPDATE enrolments SET residence_commune_id = (SELECT s.predecessor_id FROM unit_successions s WHERE s.successor_id = enrolments.residence_commune_id)
WHERE EXISTS (SELECT 1 FROM administrative_units u WHERE u.id = enrolments.residence_commune_id AND u.valid_from > enrolments.enrolled_on)
  AND (SELECT count(*) FROM unit_successions s WHERE s.successor_id = enrolments.residence_commune_id) = 1;
UPDATE employment_outcomes SET residence_commune_id = (SELECT s.predecessor_id FROM unit_successions s WHERE s.successor_id = employment_outcomes.residence_commune_id)
WHERE EXISTS (SELECT 1 FROM administrative_units u WHERE u.id = employment_outcomes.residence_commune_id AND u.valid_from > employment_outcomes.outcome_on)
  AND (SELECT count(*) FROM unit_successions s WHERE s.successor_id = employment_outcomes.residence_commune_id) = 1;
