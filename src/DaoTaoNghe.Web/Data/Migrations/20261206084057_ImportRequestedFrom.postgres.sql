ALTER TABLE import_jobs ADD requested_from character varying(64);
