CREATE TABLE "aggregate_values" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_aggregate_values" PRIMARY KEY AUTOINCREMENT,
    "element_code" TEXT NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "province_id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "value" INTEGER NOT NULL,
    "note" TEXT NULL,
    "entered_by" TEXT NOT NULL,
    "entered_at" TEXT NOT NULL,
    CONSTRAINT "fk_aggregate_values_administrative_units_unit_id" FOREIGN KEY ("unit_id") REFERENCES "administrative_units" ("id") ON DELETE RESTRICT
);
CREATE TABLE "indicator_targets" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_indicator_targets" PRIMARY KEY AUTOINCREMENT,
    "indicator_code" TEXT NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "province_id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "value" REAL NOT NULL,
    "direction" TEXT NOT NULL,
    "basis" TEXT NULL,
    "updated_by" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "fk_indicator_targets_administrative_units_unit_id" FOREIGN KEY ("unit_id") REFERENCES "administrative_units" ("id") ON DELETE RESTRICT
);
CREATE INDEX "ix_aggregate_values_province_id_year_element_code" ON "aggregate_values" ("province_id", "year", "element_code");
CREATE UNIQUE INDEX "ix_aggregate_values_unit_id_year_element_code" ON "aggregate_values" ("unit_id", "year", "element_code");
CREATE INDEX "ix_indicator_targets_province_id_year" ON "indicator_targets" ("province_id", "year");
CREATE UNIQUE INDEX "ix_indicator_targets_unit_id_year_indicator_code" ON "indicator_targets" ("unit_id", "year", "indicator_code");
CREATE INDEX "ix_learners_commune_id_created_at" ON "learners" ("commune_id", "created_at");
