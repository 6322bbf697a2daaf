CREATE TABLE "labour_demands" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_labour_demands" PRIMARY KEY AUTOINCREMENT,
    "enterprise_id" INTEGER NOT NULL,
    "province_id" INTEGER NOT NULL,
    "occupation_id" INTEGER NOT NULL,
    "level" TEXT NOT NULL,
    "workers" INTEGER NOT NULL,
    "place_commune_id" INTEGER NOT NULL,
    "needed_from" TEXT NOT NULL,
    "notes" TEXT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_labour_demands_administrative_units_place_commune_id" FOREIGN KEY ("place_commune_id") REFERENCES "administrative_units" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_labour_demands_occupations_occupation_id" FOREIGN KEY ("occupation_id") REFERENCES "occupations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_labour_demands_organisations_enterprise_id" FOREIGN KEY ("enterprise_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT
);
CREATE TABLE "vacancies" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_vacancies" PRIMARY KEY AUTOINCREMENT,
    "enterprise_id" INTEGER NOT NULL,
    "province_id" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "search_text" TEXT NOT NULL,
    "occupation_id" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "wage_from" INTEGER NULL,
    "wage_to" INTEGER NULL,
    "place_commune_id" INTEGER NOT NULL,
    "requirements" TEXT NULL,
    "posted_on" TEXT NOT NULL,
    "deadline" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_vacancies_administrative_units_place_commune_id" FOREIGN KEY ("place_commune_id") REFERENCES "administrative_units" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_vacancies_occupations_occupation_id" FOREIGN KEY ("occupation_id") REFERENCES "occupations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_vacancies_organisations_enterprise_id" FOREIGN KEY ("enterprise_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT
);
CREATE TABLE "interest_leads" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_interest_leads" PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "vacancy_id" INTEGER NULL,
    "course_id" INTEGER NULL,
    "subject" TEXT NOT NULL,
    "enterprise_id" INTEGER NULL,
    "commune_id" INTEGER NOT NULL,
    "province_id" INTEGER NOT NULL,
    "full_name" TEXT NOT NULL,
    "search_name" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "consent_text" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_interest_leads_administrative_units_commune_id" FOREIGN KEY ("commune_id") REFERENCES "administrative_units" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_interest_leads_courses_course_id" FOREIGN KEY ("course_id") REFERENCES "courses" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_interest_leads_organisations_enterprise_id" FOREIGN KEY ("enterprise_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_interest_leads_vacancies_vacancy_id" FOREIGN KEY ("vacancy_id") REFERENCES "vacancies" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_interest_leads_commune_id_created_at" ON "interest_leads" ("commune_id", "created_at");
CREATE INDEX "ix_interest_leads_course_id" ON "interest_leads" ("course_id");
CREATE INDEX "ix_interest_leads_enterprise_id_created_at" ON "interest_leads" ("enterprise_id", "created_at");
CREATE INDEX "ix_interest_leads_vacancy_id" ON "interest_leads" ("vacancy_id");
CREATE INDEX "ix_labour_demands_enterprise_id" ON "labour_demands" ("enterprise_id");
CREATE INDEX "ix_labour_demands_occupation_id" ON "labour_demands" ("occupation_id");
CREATE INDEX "ix_labour_demands_place_commune_id" ON "labour_demands" ("place_commune_id");
CREATE INDEX "ix_labour_demands_province_id_needed_from" ON "labour_demands" ("province_id", "needed_from");
CREATE INDEX "ix_vacancies_enterprise_id" ON "vacancies" ("enterprise_id");
CREATE INDEX "ix_vacancies_occupation_id" ON "vacancies" ("occupation_id");
CREATE INDEX "ix_vacancies_place_commune_id" ON "vacancies" ("place_commune_id");
CREATE INDEX "ix_vacancies_province_id_deadline" ON "vacancies" ("province_id", "deadline");
