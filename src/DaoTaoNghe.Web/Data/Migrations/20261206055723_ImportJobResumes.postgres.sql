ALTER TABLE import_jobs ADD resumed_at timestamp with time zone;
ALTER TABLE import_jobs ADD resumes integer NOT NULL DEFAULT 0;
