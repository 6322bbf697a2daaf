CREATE TABLE "shared_person_cases" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_shared_person_cases" PRIMARY KEY AUTOINCREMENT,
    "cccd" TEXT NOT NULL,
    "province_id" INTEGER NOT NULL,
    "records" TEXT NOT NULL,
    "found_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "fk_shared_person_cases_administrative_units_province_id" FOREIGN KEY ("province_id") REFERENCES "administrative_units" ("id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "ix_shared_person_cases_cccd_province_id" ON "shared_person_cases" ("cccd", "province_id");
CREATE INDEX "ix_shared_person_cases_province_id" ON "shared_person_cases" ("province_id");
