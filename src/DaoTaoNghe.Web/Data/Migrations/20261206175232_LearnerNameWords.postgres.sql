CREATE INDEX ix_learners_search_name_words ON learners USING gin (to_tsvector('simple', search_name));
