CREATE TABLE "data_breaches" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_data_breaches" PRIMARY KEY AUTOINCREMENT,
    "province_id" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "discovered_at" TEXT NOT NULL,
    "data_categories" TEXT NOT NULL,
    "people_affected" INTEGER NOT NULL,
    "measures" TEXT NULL,
    "notified_at" TEXT NULL,
    "notification_content" TEXT NULL,
    "late_reason" TEXT NULL,
    "status" TEXT NOT NULL,
    "created_at" TEXT NOT NULL
);
CREATE INDEX "ix_data_breaches_province_id_discovered_at" ON "data_breaches" ("province_id", "discovered_at");
