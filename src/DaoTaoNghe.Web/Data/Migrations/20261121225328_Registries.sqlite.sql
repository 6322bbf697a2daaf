CREATE TABLE "occupations" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_occupations" PRIMARY KEY AUTOINCREMENT,
    "province_id" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "description" TEXT NULL,
    "is_active" INTEGER NOT NULL,
    "search_text" TEXT NOT NULL,
    CONSTRAINT "fk_occupations_administrative_units_province_id" FOREIGN KEY ("province_id") REFERENCES "administrative_units" ("id") ON DELETE RESTRICT
);
CREATE TABLE "enterprise_profiles" (
    "organisation_id" INTEGER NOT NULL CONSTRAINT "pk_enterprise_profiles" PRIMARY KEY,
    "province_id" INTEGER NOT NULL,
    "tax_code" TEXT NOT NULL,
    "form" TEXT NOT NULL,
    "sector" TEXT NOT NULL,
    "size" TEXT NOT NULL,
    "employees" INTEGER NULL,
    "representative" TEXT NULL,
    "founded_on" TEXT NULL,
    "main_activities" TEXT NULL,
    CONSTRAINT "fk_enterprise_profiles_organisations_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT
);
CREATE TABLE "institution_profiles" (
    "organisation_id" INTEGER NOT NULL CONSTRAINT "pk_institution_profiles" PRIMARY KEY,
    "province_id" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "licence_number" TEXT NULL,
    "licensed_on" TEXT NULL,
    "capacity" INTEGER NULL,
    "head" TEXT NULL,
    "facilities" TEXT NULL,
    CONSTRAINT "fk_institution_profiles_organisations_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT
);
CREATE TABLE "licensed_occupations" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_licensed_occupations" PRIMARY KEY AUTOINCREMENT,
    "institution_id" INTEGER NOT NULL,
    "province_id" INTEGER NOT NULL,
    "occupation_id" INTEGER NOT NULL,
    "level" TEXT NOT NULL,
    "annual_quota" INTEGER NULL,
    CONSTRAINT "fk_licensed_occupations_occupations_occupation_id" FOREIGN KEY ("occupation_id") REFERENCES "occupations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_licensed_occupations_organisations_institution_id" FOREIGN KEY ("institution_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT
);
CREATE TABLE "partnerships" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_partnerships" PRIMARY KEY AUTOINCREMENT,
    "enterprise_id" INTEGER NOT NULL,
    "institution_id" INTEGER NOT NULL,
    "occupation_id" INTEGER NOT NULL,
    "agreement_number" TEXT NULL,
    "starts_on" TEXT NOT NULL,
    "ends_on" TEXT NULL,
    "practice_places" INTEGER NULL,
    "provides_trainers" INTEGER NOT NULL,
    "hiring_commitment" INTEGER NULL,
    "other_support" TEXT NULL,
    "notes" TEXT NULL,
    "is_active" INTEGER NOT NULL,
    CONSTRAINT "fk_partnerships_occupations_occupation_id" FOREIGN KEY ("occupation_id") REFERENCES "occupations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_partnerships_organisations_enterprise_id" FOREIGN KEY ("enterprise_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_partnerships_organisations_institution_id" FOREIGN KEY ("institution_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT
);
CREATE TABLE "programmes" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_programmes" PRIMARY KEY AUTOINCREMENT,
    "institution_id" INTEGER NOT NULL,
    "occupation_id" INTEGER NOT NULL,
    "level" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "code" TEXT NULL,
    "duration_hours" INTEGER NOT NULL,
    "is_key" INTEGER NOT NULL,
    "approved_on" TEXT NULL,
    "description" TEXT NULL,
    "is_active" INTEGER NOT NULL,
    "search_text" TEXT NOT NULL,
    CONSTRAINT "fk_programmes_occupations_occupation_id" FOREIGN KEY ("occupation_id") REFERENCES "occupations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_programmes_organisations_institution_id" FOREIGN KEY ("institution_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT
);
CREATE TABLE "trainers" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_trainers" PRIMARY KEY AUTOINCREMENT,
    "institution_id" INTEGER NOT NULL,
    "full_name" TEXT NOT NULL,
    "birth_year" INTEGER NULL,
    "kind" TEXT NOT NULL,
    "qualification" TEXT NULL,
    "teaching_certificate" TEXT NULL,
    "phone" TEXT NULL,
    "notes" TEXT NULL,
    "is_active" INTEGER NOT NULL,
    "search_name" TEXT NOT NULL,
    CONSTRAINT "fk_trainers_organisations_institution_id" FOREIGN KEY ("institution_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT
);
CREATE TABLE "learning_materials" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_learning_materials" PRIMARY KEY AUTOINCREMENT,
    "programme_id" INTEGER NOT NULL,
    "institution_id" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "file_key" TEXT NULL,
    "file_name" TEXT NULL,
    "content_type" TEXT NULL,
    "file_size" INTEGER NULL,
    "sha256" TEXT NULL,
    "url" TEXT NULL,
    "is_public" INTEGER NOT NULL,
    "is_active" INTEGER NOT NULL,
    "added_at" TEXT NOT NULL,
    "search_text" TEXT NOT NULL,
    CONSTRAINT "fk_learning_materials_organisations_institution_id" FOREIGN KEY ("institution_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_learning_materials_programmes_programme_id" FOREIGN KEY ("programme_id") REFERENCES "programmes" ("id") ON DELETE CASCADE
);
CREATE TABLE "programme_accreditations" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_programme_accreditations" PRIMARY KEY AUTOINCREMENT,
    "programme_id" INTEGER NOT NULL,
    "institution_id" INTEGER NOT NULL,
    "result" TEXT NOT NULL,
    "decided_on" TEXT NOT NULL,
    "expires_on" TEXT NULL,
    "body" TEXT NOT NULL,
    "certificate_number" TEXT NULL,
    CONSTRAINT "fk_programme_accreditations_organisations_institution_id" FOREIGN KEY ("institution_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_programme_accreditations_programmes_programme_id" FOREIGN KEY ("programme_id") REFERENCES "programmes" ("id") ON DELETE CASCADE
);
CREATE TABLE "programme_modules" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_programme_modules" PRIMARY KEY AUTOINCREMENT,
    "programme_id" INTEGER NOT NULL,
    "institution_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "theory_hours" INTEGER NOT NULL,
    "practice_hours" INTEGER NOT NULL,
    CONSTRAINT "fk_programme_modules_organisations_institution_id" FOREIGN KEY ("institution_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_programme_modules_programmes_programme_id" FOREIGN KEY ("programme_id") REFERENCES "programmes" ("id") ON DELETE CASCADE
);
CREATE TABLE "programme_norms" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_programme_norms" PRIMARY KEY AUTOINCREMENT,
    "programme_id" INTEGER NOT NULL,
    "institution_id" INTEGER NOT NULL,
    "effective_from" TEXT NOT NULL,
    "cost_per_learner" INTEGER NOT NULL,
    "basis" TEXT NULL,
    CONSTRAINT "fk_programme_norms_organisations_institution_id" FOREIGN KEY ("institution_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_programme_norms_programmes_programme_id" FOREIGN KEY ("programme_id") REFERENCES "programmes" ("id") ON DELETE CASCADE
);
CREATE TABLE "trainer_institutions" (
    "trainer_id" INTEGER NOT NULL,
    "institution_id" INTEGER NOT NULL,
    "owner_institution_id" INTEGER NOT NULL,
    CONSTRAINT "pk_trainer_institutions" PRIMARY KEY ("trainer_id", "institution_id"),
    CONSTRAINT "fk_trainer_institutions_organisations_institution_id" FOREIGN KEY ("institution_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_trainer_institutions_trainers_trainer_id" FOREIGN KEY ("trainer_id") REFERENCES "trainers" ("id") ON DELETE CASCADE
);
CREATE TABLE "trainer_occupations" (
    "trainer_id" INTEGER NOT NULL,
    "occupation_id" INTEGER NOT NULL,
    "owner_institution_id" INTEGER NOT NULL,
    CONSTRAINT "pk_trainer_occupations" PRIMARY KEY ("trainer_id", "occupation_id"),
    CONSTRAINT "fk_trainer_occupations_occupations_occupation_id" FOREIGN KEY ("occupation_id") REFERENCES "occupations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_trainer_occupations_trainers_trainer_id" FOREIGN KEY ("trainer_id") REFERENCES "trainers" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_enterprise_profiles_province_id_sector" ON "enterprise_profiles" ("province_id", "sector");
CREATE UNIQUE INDEX "ix_enterprise_profiles_province_id_tax_code" ON "enterprise_profiles" ("province_id", "tax_code");
CREATE INDEX "ix_institution_profiles_province_id_type" ON "institution_profiles" ("province_id", "type");
CREATE INDEX "ix_learning_materials_institution_id" ON "learning_materials" ("institution_id");
CREATE INDEX "ix_learning_materials_programme_id_is_active" ON "learning_materials" ("programme_id", "is_active");
CREATE UNIQUE INDEX "ix_licensed_occupations_institution_id_occupation_id_level" ON "licensed_occupations" ("institution_id", "occupation_id", "level");
CREATE INDEX "ix_licensed_occupations_occupation_id" ON "licensed_occupations" ("occupation_id");
CREATE UNIQUE INDEX "ix_occupations_province_id_code" ON "occupations" ("province_id", "code");
CREATE INDEX "ix_partnerships_enterprise_id" ON "partnerships" ("enterprise_id");
CREATE INDEX "ix_partnerships_institution_id_occupation_id" ON "partnerships" ("institution_id", "occupation_id");
CREATE INDEX "ix_partnerships_occupation_id" ON "partnerships" ("occupation_id");
CREATE INDEX "ix_programme_accreditations_institution_id" ON "programme_accreditations" ("institution_id");
CREATE INDEX "ix_programme_accreditations_programme_id_decided_on" ON "programme_accreditations" ("programme_id", "decided_on");
CREATE INDEX "ix_programme_modules_institution_id" ON "programme_modules" ("institution_id");
CREATE INDEX "ix_programme_modules_programme_id_position" ON "programme_modules" ("programme_id", "position");
CREATE INDEX "ix_programme_norms_institution_id" ON "programme_norms" ("institution_id");
CREATE UNIQUE INDEX "ix_programme_norms_programme_id_effective_from" ON "programme_norms" ("programme_id", "effective_from");
CREATE INDEX "ix_programmes_institution_id_is_active" ON "programmes" ("institution_id", "is_active");
CREATE INDEX "ix_programmes_occupation_id_level" ON "programmes" ("occupation_id", "level");
CREATE INDEX "ix_trainer_institutions_institution_id" ON "trainer_institutions" ("institution_id");
CREATE INDEX "ix_trainer_occupations_occupation_id" ON "trainer_occupations" ("occupation_id");
CREATE INDEX "ix_trainers_institution_id_is_active" ON "trainers" ("institution_id", "is_active");
