DROP INDEX ix_learners_commune_id_created_at;
ALTER TABLE learners ADD registered_commune_id integer NOT NULL DEFAULT 0;
ALTER TABLE learners ALTER COLUMN registered_commune_id DROP DEFAULT;
-- The registration counts where the residence rule places the person on the local day the record was made
-- (Learner.RegisteredCommuneId, ResidenceHistory.CommuneOn): the history's period covering that day (a day before
-- the first period is in the first, one after the last in the last), else today's commune for a person without
-- history; then that day's map: a commune that had ceased counts in its successor, and one of today's communes
-- formed from exactly one old commune counts in that old commune before 1/7/2025 (formed from several, it stays on
-- the new commune, which the old map shows as "không rõ xã cũ"), as migration LearnerResidences placed enrolments
-- and outcomes. The maintained values are rebuilt at start-up: the counting of "learners.registered" changed.
UPDATE learners SET registered_commune_id = COALESCE(
    (SELECT r.commune_id FROM learner_residences r WHERE r.learner_id = learners.id
        AND (r.starts_on IS NULL OR r.starts_on <= (learners.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) AND (r.ends_on IS NULL OR (learners.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= r.ends_on)
     ORDER BY r.starts_on LIMIT 1),
    (SELECT r.commune_id FROM learner_residences r WHERE r.learner_id = learners.id AND r.starts_on > (learners.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date ORDER BY r.starts_on LIMIT 1),
    (SELECT r.commune_id FROM learner_residences r WHERE r.learner_id = learners.id ORDER BY (r.starts_on IS NULL), r.starts_on DESC LIMIT 1),
    commune_id);
UPDATE learners SET registered_commune_id = (SELECT u.roll_up_unit_id FROM administrative_units u WHERE u.id = learners.registered_commune_id)
WHERE EXISTS (SELECT 1 FROM administrative_units u WHERE u.id = learners.registered_commune_id AND u.valid_to < (learners.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AND u.roll_up_unit_id IS NOT NULL);
UPDATE learners SET registered_commune_id = (SELECT s.predecessor_id FROM unit_successions s WHERE s.successor_id = learners.registered_commune_id)
WHERE EXISTS (SELECT 1 FROM administrative_units u WHERE u.id = learners.registered_commune_id AND u.valid_from > (learners.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
  AND (SELECT count(*) FROM unit_successions s WHERE s.successor_id = learners.registered_commune_id) = 1;
CREATE INDEX ix_learners_registered_commune_id_created_at ON learners (registered_commune_id, created_at);
ALTER TABLE learners ADD CONSTRAINT fk_learners_administrative_units_registered_commune_id FOREIGN KEY (registered_commune_id) REFERENCES administrative_units (id) ON DELETE RESTRICT;
