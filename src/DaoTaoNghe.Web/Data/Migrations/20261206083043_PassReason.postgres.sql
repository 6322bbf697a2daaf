ALTER TABLE enrolments ADD pass_reason character varying(500);
