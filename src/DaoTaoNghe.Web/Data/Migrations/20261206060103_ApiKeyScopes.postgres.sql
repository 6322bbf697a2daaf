ALTER TABLE api_keys ADD expires_at timestamp with time zone;
ALTER TABLE api_keys ADD first_used_at timestamp with time zone;
ALTER TABLE api_keys ADD first_used_from character varying(45);
ALTER TABLE api_keys ADD last_used_from character varying(45);
ALTER TABLE api_keys ADD scope character varying(40) NOT NULL DEFAULT 'ReadWrite';
