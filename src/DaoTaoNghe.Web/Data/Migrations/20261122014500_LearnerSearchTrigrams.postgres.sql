-- Learner search matches a part of a name, CCCD or phone anywhere (LIKE '%…%'): trigram indexes serve it.
-- pg_trgm is a trusted extension: the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX ix_learners_search_name_trgm ON learners USING gin (search_name gin_trgm_ops);
CREATE INDEX ix_learners_cccd_trgm ON learners USING gin (cccd gin_trgm_ops);
CREATE INDEX ix_learners_phone_trgm ON learners USING gin (phone gin_trgm_ops);
