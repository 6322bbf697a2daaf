CREATE TABLE "indicator_cells" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_indicator_cells" PRIMARY KEY AUTOINCREMENT,
    "computation" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "commune_id" INTEGER NOT NULL,
    "organisation_id" INTEGER NULL,
    "dimension" TEXT NULL,
    "member" TEXT NULL,
    "value" INTEGER NOT NULL,
    CONSTRAINT "fk_indicator_cells_administrative_units_commune_id" FOREIGN KEY ("commune_id") REFERENCES "administrative_units" ("id") ON DELETE RESTRICT
);
CREATE TABLE "indicator_cells_states" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_indicator_cells_states" PRIMARY KEY,
    "fingerprint" TEXT NULL,
    "built_at" TEXT NULL,
    "rebuild_requested_at" TEXT NULL,
    "rebuild_requested_by" TEXT NULL,
    "progress" TEXT NULL,
    "report" TEXT NULL
);
CREATE TABLE "indicator_marks" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_indicator_marks" PRIMARY KEY AUTOINCREMENT,
    "family" TEXT NULL,
    "commune_id" INTEGER NULL,
    "year" INTEGER NULL,
    "subject" TEXT NULL,
    "subject_id" INTEGER NULL
);
CREATE INDEX "ix_indicator_cells_commune_id" ON "indicator_cells" ("commune_id");
CREATE INDEX "ix_indicator_cells_computation_year_commune_id" ON "indicator_cells" ("computation", "year", "commune_id");
CREATE INDEX "ix_indicator_cells_computation_year_organisation_id" ON "indicator_cells" ("computation", "year", "organisation_id");
