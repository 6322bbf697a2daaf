CREATE TABLE "change_log" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_change_log" PRIMARY KEY AUTOINCREMENT,
    "sequence" INTEGER NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" INTEGER NOT NULL,
    "operation" TEXT NOT NULL,
    "changed_at" TEXT NOT NULL,
    "commune_id" INTEGER NULL,
    "organisation_id" INTEGER NULL,
    "province_id" INTEGER NULL
);
CREATE TABLE "external_keys" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_external_keys" PRIMARY KEY AUTOINCREMENT,
    "organisation_id" INTEGER NOT NULL,
    "entity_type" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "entity_id" INTEGER NOT NULL,
    "payload_hash" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE TABLE "idempotency_records" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_idempotency_records" PRIMARY KEY AUTOINCREMENT,
    "caller" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "status" INTEGER NULL,
    "content_type" TEXT NULL,
    "location" TEXT NULL,
    "body" BLOB NULL,
    "created_at" TEXT NOT NULL,
    "expires_at" TEXT NOT NULL
);
CREATE INDEX "ix_change_log_entity_type_sequence" ON "change_log" ("entity_type", "sequence");
CREATE UNIQUE INDEX "ix_change_log_sequence" ON "change_log" ("sequence");
CREATE INDEX "ix_external_keys_entity_type_entity_id" ON "external_keys" ("entity_type", "entity_id");
CREATE UNIQUE INDEX "ix_external_keys_organisation_id_entity_type_key" ON "external_keys" ("organisation_id", "entity_type", "key");
CREATE UNIQUE INDEX "ix_idempotency_records_caller_key" ON "idempotency_records" ("caller", "key");
CREATE INDEX "ix_idempotency_records_expires_at" ON "idempotency_records" ("expires_at");
