CREATE TABLE "import_column_mappings" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_import_column_mappings" PRIMARY KEY AUTOINCREMENT,
    "organisation_id" INTEGER NOT NULL,
    "template_code" TEXT NOT NULL,
    "header_key" TEXT NOT NULL,
    "mapping_json" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "updated_by_user_id" INTEGER NOT NULL,
    CONSTRAINT "fk_import_column_mappings_organisations_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisations" ("id") ON DELETE CASCADE
);
CREATE TABLE "import_jobs" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_import_jobs" PRIMARY KEY AUTOINCREMENT,
    "template_code" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "file_key" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "file_size" INTEGER NOT NULL,
    "file_sha256" TEXT NOT NULL,
    "sheet_name" TEXT NULL,
    "header_row" INTEGER NULL,
    "headers_json" TEXT NULL,
    "mapping_json" TEXT NULL,
    "notes" TEXT NULL,
    "error" TEXT NULL,
    "rows" INTEGER NOT NULL,
    "created" INTEGER NOT NULL,
    "updated" INTEGER NOT NULL,
    "unchanged" INTEGER NOT NULL,
    "rejected" INTEGER NOT NULL,
    "problems_not_kept" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "checked_at" TEXT NULL,
    "committed_at" TEXT NULL,
    "user_id" INTEGER NOT NULL,
    "user_name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "organisation_id" INTEGER NOT NULL,
    "province_id" INTEGER NOT NULL,
    "commune_id" INTEGER NULL,
    CONSTRAINT "fk_import_jobs_organisations_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_import_jobs_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);
CREATE TABLE "import_row_errors" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_import_row_errors" PRIMARY KEY AUTOINCREMENT,
    "job_id" INTEGER NOT NULL,
    "row_number" INTEGER NOT NULL,
    "column" TEXT NOT NULL,
    "header" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    CONSTRAINT "fk_import_row_errors_import_jobs_job_id" FOREIGN KEY ("job_id") REFERENCES "import_jobs" ("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "ix_import_column_mappings_organisation_id_template_code_header_key" ON "import_column_mappings" ("organisation_id", "template_code", "header_key");
CREATE INDEX "ix_import_jobs_organisation_id" ON "import_jobs" ("organisation_id");
CREATE INDEX "ix_import_jobs_province_id_created_at" ON "import_jobs" ("province_id", "created_at");
CREATE INDEX "ix_import_jobs_status" ON "import_jobs" ("status");
CREATE INDEX "ix_import_jobs_user_id_created_at" ON "import_jobs" ("user_id", "created_at");
CREATE INDEX "ix_import_row_errors_job_id_row_number" ON "import_row_errors" ("job_id", "row_number");
