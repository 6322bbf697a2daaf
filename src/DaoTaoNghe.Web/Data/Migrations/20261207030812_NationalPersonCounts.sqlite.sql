CREATE TABLE "national_person_counts" (
    "computation" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "persons" INTEGER NULL,
    "counted_at" TEXT NULL,
    "seconds" REAL NULL,
    "asked_at" TEXT NOT NULL,
    CONSTRAINT "pk_national_person_counts" PRIMARY KEY ("computation", "year")
);
