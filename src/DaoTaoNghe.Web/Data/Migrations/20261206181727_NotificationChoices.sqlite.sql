-- SQLite cannot drop a column's default: the table is rebuilt with the new column, the notifications
-- made before kinds named from their keys (ReminderRun, Review, OrderNotice).
ALTER TABLE "notifications" RENAME TO "notifications_before_kinds";
CREATE TABLE "notifications" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_notifications" PRIMARY KEY AUTOINCREMENT,
    "user_id" INTEGER NOT NULL,
    "organisation_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "read_at" TEXT NULL,
    "emailed_at" TEXT NULL,
    "email_error" TEXT NULL,
    CONSTRAINT "fk_notifications_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);
INSERT INTO "notifications" ("id", "user_id", "organisation_id", "key", "title", "body", "url", "created_at", "read_at", "emailed_at", "email_error", "kind")
SELECT "id", "user_id", "organisation_id", "key", "title", "body", "url", "created_at", "read_at", "emailed_at", "email_error", CASE
    WHEN "key" LIKE 'report:%' OR "key" LIKE 'task:%' THEN 'Reminder'
    WHEN "key" LIKE 'bao-cao-%' THEN 'ReportReview'
    WHEN "key" LIKE 'don-hang-giao:%' THEN 'Order'
    ELSE 'Other' END
FROM "notifications_before_kinds";
DROP TABLE "notifications_before_kinds";
CREATE UNIQUE INDEX "ix_notifications_user_id_key" ON "notifications" ("user_id", "key");
CREATE INDEX "ix_notifications_user_id_read_at" ON "notifications" ("user_id", "read_at");
CREATE TABLE "notification_digests" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_notification_digests" PRIMARY KEY AUTOINCREMENT,
    "user_id" INTEGER NOT NULL,
    "organisation_id" INTEGER NOT NULL,
    "last_sent_on" TEXT NULL,
    CONSTRAINT "fk_notification_digests_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE TABLE "notification_preferences" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_notification_preferences" PRIMARY KEY AUTOINCREMENT,
    "user_id" INTEGER NOT NULL,
    "organisation_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "delivery" TEXT NOT NULL,
    CONSTRAINT "fk_notification_preferences_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "ix_notification_digests_user_id" ON "notification_digests" ("user_id");
CREATE UNIQUE INDEX "ix_notification_preferences_user_id_kind" ON "notification_preferences" ("user_id", "kind");
