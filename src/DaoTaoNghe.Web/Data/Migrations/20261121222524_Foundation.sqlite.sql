CREATE TABLE "administrative_units" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_administrative_units" PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "parent_id" INTEGER NULL,
    "province_id" INTEGER NULL,
    "valid_from" TEXT NULL,
    "valid_to" TEXT NULL,
    "roll_up_unit_id" INTEGER NULL,
    "search_name" TEXT NOT NULL,
    CONSTRAINT "fk_administrative_units_administrative_units_parent_id" FOREIGN KEY ("parent_id") REFERENCES "administrative_units" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_administrative_units_administrative_units_province_id" FOREIGN KEY ("province_id") REFERENCES "administrative_units" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_administrative_units_administrative_units_roll_up_unit_id" FOREIGN KEY ("roll_up_unit_id") REFERENCES "administrative_units" ("id") ON DELETE RESTRICT
);
CREATE TABLE "app_settings" (
    "key" TEXT NOT NULL CONSTRAINT "pk_app_settings" PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE TABLE "audit_entries" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_audit_entries" PRIMARY KEY AUTOINCREMENT,
    "at" TEXT NOT NULL,
    "user_id" INTEGER NULL,
    "user_name" TEXT NULL,
    "organisation_id" INTEGER NULL,
    "province_id" INTEGER NULL,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NULL,
    "summary" TEXT NULL,
    "before" TEXT NULL,
    "after" TEXT NULL,
    "ip_address" TEXT NULL,
    "contains_personal_data" INTEGER NOT NULL
);
CREATE TABLE "ethnic_groups" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_ethnic_groups" PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL
);
CREATE TABLE "roles" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_roles" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NULL,
    "normalized_name" TEXT NULL,
    "concurrency_stamp" TEXT NULL
);
CREATE TABLE "organisations" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_organisations" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "short_name" TEXT NULL,
    "kind" TEXT NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "province_id" INTEGER NOT NULL,
    "parent_id" INTEGER NULL,
    "address" TEXT NULL,
    "phone" TEXT NULL,
    "email" TEXT NULL,
    "is_active" INTEGER NOT NULL,
    "search_name" TEXT NOT NULL,
    CONSTRAINT "fk_organisations_administrative_units_province_id" FOREIGN KEY ("province_id") REFERENCES "administrative_units" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_organisations_administrative_units_unit_id" FOREIGN KEY ("unit_id") REFERENCES "administrative_units" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_organisations_organisations_parent_id" FOREIGN KEY ("parent_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT
);
CREATE TABLE "unit_successions" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_unit_successions" PRIMARY KEY AUTOINCREMENT,
    "predecessor_id" INTEGER NOT NULL,
    "successor_id" INTEGER NOT NULL,
    "effective_on" TEXT NOT NULL,
    "legal_basis" TEXT NULL,
    CONSTRAINT "fk_unit_successions_administrative_units_predecessor_id" FOREIGN KEY ("predecessor_id") REFERENCES "administrative_units" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_unit_successions_administrative_units_successor_id" FOREIGN KEY ("successor_id") REFERENCES "administrative_units" ("id") ON DELETE RESTRICT
);
CREATE TABLE "role_claims" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_role_claims" PRIMARY KEY AUTOINCREMENT,
    "role_id" INTEGER NOT NULL,
    "claim_type" TEXT NULL,
    "claim_value" TEXT NULL,
    CONSTRAINT "fk_role_claims_roles_role_id" FOREIGN KEY ("role_id") REFERENCES "roles" ("id") ON DELETE CASCADE
);
CREATE TABLE "outreach_events" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_outreach_events" PRIMARY KEY AUTOINCREMENT,
    "commune_id" INTEGER NOT NULL,
    "organisation_id" INTEGER NOT NULL,
    "held_on" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "participants" INTEGER NOT NULL,
    "notes" TEXT NULL,
    "search_text" TEXT NOT NULL,
    CONSTRAINT "fk_outreach_events_administrative_units_commune_id" FOREIGN KEY ("commune_id") REFERENCES "administrative_units" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_outreach_events_organisations_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT
);
CREATE TABLE "users" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_users" PRIMARY KEY AUTOINCREMENT,
    "full_name" TEXT NOT NULL,
    "organisation_id" INTEGER NOT NULL,
    "is_disabled" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "last_sign_in_at" TEXT NULL,
    "user_name" TEXT NULL,
    "normalized_user_name" TEXT NULL,
    "email" TEXT NULL,
    "normalized_email" TEXT NULL,
    "email_confirmed" INTEGER NOT NULL,
    "password_hash" TEXT NULL,
    "security_stamp" TEXT NULL,
    "concurrency_stamp" TEXT NULL,
    "phone_number" TEXT NULL,
    "phone_number_confirmed" INTEGER NOT NULL,
    "two_factor_enabled" INTEGER NOT NULL,
    "lockout_end" TEXT NULL,
    "lockout_enabled" INTEGER NOT NULL,
    "access_failed_count" INTEGER NOT NULL,
    CONSTRAINT "fk_users_organisations_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT
);
CREATE TABLE "api_keys" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_api_keys" PRIMARY KEY AUTOINCREMENT,
    "user_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "key_start" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "last_used_at" TEXT NULL,
    "revoked_at" TEXT NULL,
    CONSTRAINT "fk_api_keys_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE TABLE "user_claims" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_user_claims" PRIMARY KEY AUTOINCREMENT,
    "user_id" INTEGER NOT NULL,
    "claim_type" TEXT NULL,
    "claim_value" TEXT NULL,
    CONSTRAINT "fk_user_claims_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE TABLE "user_logins" (
    "login_provider" TEXT NOT NULL,
    "provider_key" TEXT NOT NULL,
    "provider_display_name" TEXT NULL,
    "user_id" INTEGER NOT NULL,
    CONSTRAINT "pk_user_logins" PRIMARY KEY ("login_provider", "provider_key"),
    CONSTRAINT "fk_user_logins_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE TABLE "user_roles" (
    "user_id" INTEGER NOT NULL,
    "role_id" INTEGER NOT NULL,
    CONSTRAINT "pk_user_roles" PRIMARY KEY ("user_id", "role_id"),
    CONSTRAINT "fk_user_roles_roles_role_id" FOREIGN KEY ("role_id") REFERENCES "roles" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_user_roles_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE TABLE "user_tokens" (
    "user_id" INTEGER NOT NULL,
    "login_provider" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "value" TEXT NULL,
    CONSTRAINT "pk_user_tokens" PRIMARY KEY ("user_id", "login_provider", "name"),
    CONSTRAINT "fk_user_tokens_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_administrative_units_level_code" ON "administrative_units" ("level", "code");
CREATE INDEX "ix_administrative_units_parent_id" ON "administrative_units" ("parent_id");
CREATE INDEX "ix_administrative_units_province_id" ON "administrative_units" ("province_id");
CREATE INDEX "ix_administrative_units_roll_up_unit_id" ON "administrative_units" ("roll_up_unit_id");
CREATE UNIQUE INDEX "ix_api_keys_key_hash" ON "api_keys" ("key_hash");
CREATE INDEX "ix_api_keys_user_id" ON "api_keys" ("user_id");
CREATE INDEX "ix_audit_entries_at" ON "audit_entries" ("at");
CREATE INDEX "ix_audit_entries_entity_type_entity_id" ON "audit_entries" ("entity_type", "entity_id");
CREATE INDEX "ix_audit_entries_province_id_at" ON "audit_entries" ("province_id", "at");
CREATE INDEX "ix_audit_entries_user_id_at" ON "audit_entries" ("user_id", "at");
CREATE UNIQUE INDEX "ix_ethnic_groups_code" ON "ethnic_groups" ("code");
CREATE INDEX "ix_organisations_parent_id" ON "organisations" ("parent_id");
CREATE INDEX "ix_organisations_province_id_kind" ON "organisations" ("province_id", "kind");
CREATE INDEX "ix_organisations_unit_id" ON "organisations" ("unit_id");
CREATE INDEX "ix_outreach_events_commune_id_held_on" ON "outreach_events" ("commune_id", "held_on");
CREATE INDEX "ix_outreach_events_organisation_id" ON "outreach_events" ("organisation_id");
CREATE INDEX "ix_role_claims_role_id" ON "role_claims" ("role_id");
CREATE UNIQUE INDEX "role_name_index" ON "roles" ("normalized_name");
CREATE UNIQUE INDEX "ix_unit_successions_predecessor_id_successor_id" ON "unit_successions" ("predecessor_id", "successor_id");
CREATE INDEX "ix_unit_successions_successor_id" ON "unit_successions" ("successor_id");
CREATE INDEX "ix_user_claims_user_id" ON "user_claims" ("user_id");
CREATE INDEX "ix_user_logins_user_id" ON "user_logins" ("user_id");
CREATE INDEX "ix_user_roles_role_id" ON "user_roles" ("role_id");
CREATE INDEX "email_index" ON "users" ("normalized_email");
CREATE INDEX "ix_users_organisation_id" ON "users" ("organisation_id");
CREATE UNIQUE INDEX "user_name_index" ON "users" ("normalized_user_name");
