CREATE TABLE "plans" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_plans" PRIMARY KEY AUTOINCREMENT,
    "province_id" INTEGER NOT NULL,
    "number" TEXT NULL,
    "issued_on" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "legal_basis" TEXT NULL,
    "issued_by_id" INTEGER NULL,
    "replaces_id" INTEGER NULL,
    "notes" TEXT NULL,
    "search_text" TEXT NOT NULL,
    CONSTRAINT "fk_plans_administrative_units_province_id" FOREIGN KEY ("province_id") REFERENCES "administrative_units" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_plans_organisations_issued_by_id" FOREIGN KEY ("issued_by_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_plans_plans_replaces_id" FOREIGN KEY ("replaces_id") REFERENCES "plans" ("id") ON DELETE RESTRICT
);
CREATE TABLE "plan_sections" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_plan_sections" PRIMARY KEY AUTOINCREMENT,
    "plan_id" INTEGER NOT NULL,
    "province_id" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "order" INTEGER NOT NULL,
    CONSTRAINT "fk_plan_sections_plans_plan_id" FOREIGN KEY ("plan_id") REFERENCES "plans" ("id") ON DELETE CASCADE
);
CREATE TABLE "reporting_obligations" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_reporting_obligations" PRIMARY KEY AUTOINCREMENT,
    "province_id" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "template_code" TEXT NOT NULL,
    "plan_id" INTEGER NULL,
    "period_kind" TEXT NOT NULL,
    "period_year" INTEGER NOT NULL,
    "period_number" INTEGER NULL,
    "period_start" TEXT NOT NULL,
    "period_end" TEXT NOT NULL,
    "due_on" TEXT NOT NULL,
    "receiver_organisation_id" INTEGER NULL,
    "receiver_name" TEXT NOT NULL,
    "remind_days_before" INTEGER NOT NULL,
    "remind_days_after" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "search_text" TEXT NOT NULL,
    CONSTRAINT "fk_reporting_obligations_administrative_units_province_id" FOREIGN KEY ("province_id") REFERENCES "administrative_units" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_reporting_obligations_organisations_receiver_organisation_id" FOREIGN KEY ("receiver_organisation_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_reporting_obligations_plans_plan_id" FOREIGN KEY ("plan_id") REFERENCES "plans" ("id") ON DELETE RESTRICT
);
CREATE TABLE "notifications" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_notifications" PRIMARY KEY AUTOINCREMENT,
    "user_id" INTEGER NOT NULL,
    "organisation_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "read_at" TEXT NULL,
    "emailed_at" TEXT NULL,
    "email_error" TEXT NULL,
    CONSTRAINT "fk_notifications_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE TABLE "plan_tasks" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_plan_tasks" PRIMARY KEY AUTOINCREMENT,
    "plan_id" INTEGER NOT NULL,
    "section_id" INTEGER NULL,
    "province_id" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "order" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "time_frame" TEXT NOT NULL,
    "from_year" INTEGER NULL,
    "to_year" INTEGER NULL,
    "note" TEXT NULL,
    "search_text" TEXT NOT NULL,
    CONSTRAINT "fk_plan_tasks_plan_sections_section_id" FOREIGN KEY ("section_id") REFERENCES "plan_sections" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_plan_tasks_plans_plan_id" FOREIGN KEY ("plan_id") REFERENCES "plans" ("id") ON DELETE RESTRICT
);
CREATE TABLE "obligation_sources" (
    "obligation_id" INTEGER NOT NULL,
    "source_id" INTEGER NOT NULL,
    "province_id" INTEGER NOT NULL,
    CONSTRAINT "pk_obligation_sources" PRIMARY KEY ("obligation_id", "source_id"),
    CONSTRAINT "fk_obligation_sources_reporting_obligations_obligation_id" FOREIGN KEY ("obligation_id") REFERENCES "reporting_obligations" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_obligation_sources_reporting_obligations_source_id" FOREIGN KEY ("source_id") REFERENCES "reporting_obligations" ("id") ON DELETE RESTRICT
);
CREATE TABLE "reports" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_reports" PRIMARY KEY AUTOINCREMENT,
    "obligation_id" INTEGER NOT NULL,
    "province_id" INTEGER NOT NULL,
    "organisation_id" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "number" TEXT NULL,
    "symbol" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "report_date" TEXT NULL,
    "signer_authority" TEXT NOT NULL,
    "signer_name" TEXT NULL,
    "recipients" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "figures_at" TEXT NULL,
    "first_submitted_at" TEXT NULL,
    "last_submitted_at" TEXT NULL,
    "returned_at" TEXT NULL,
    "approved_at" TEXT NULL,
    CONSTRAINT "fk_reports_organisations_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_reports_reporting_obligations_obligation_id" FOREIGN KEY ("obligation_id") REFERENCES "reporting_obligations" ("id") ON DELETE RESTRICT
);
CREATE TABLE "task_assignments" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_task_assignments" PRIMARY KEY AUTOINCREMENT,
    "task_id" INTEGER NOT NULL,
    "organisation_id" INTEGER NOT NULL,
    "province_id" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "updated_at" TEXT NULL,
    CONSTRAINT "fk_task_assignments_organisations_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_task_assignments_plan_tasks_task_id" FOREIGN KEY ("task_id") REFERENCES "plan_tasks" ("id") ON DELETE RESTRICT
);
CREATE TABLE "task_parties" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_task_parties" PRIMARY KEY AUTOINCREMENT,
    "task_id" INTEGER NOT NULL,
    "province_id" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "order" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "organisation_id" INTEGER NULL,
    "group" TEXT NULL,
    CONSTRAINT "fk_task_parties_organisations_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_task_parties_plan_tasks_task_id" FOREIGN KEY ("task_id") REFERENCES "plan_tasks" ("id") ON DELETE CASCADE
);
CREATE TABLE "report_events" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_report_events" PRIMARY KEY AUTOINCREMENT,
    "report_id" INTEGER NOT NULL,
    "province_id" INTEGER NOT NULL,
    "organisation_id" INTEGER NOT NULL,
    "at" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "user_id" INTEGER NULL,
    "actor_name" TEXT NOT NULL,
    "comment" TEXT NULL,
    CONSTRAINT "fk_report_events_reports_report_id" FOREIGN KEY ("report_id") REFERENCES "reports" ("id") ON DELETE CASCADE
);
CREATE TABLE "report_figures" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_report_figures" PRIMARY KEY AUTOINCREMENT,
    "report_id" INTEGER NOT NULL,
    "province_id" INTEGER NOT NULL,
    "organisation_id" INTEGER NOT NULL,
    "source_report_id" INTEGER NULL,
    "order" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    CONSTRAINT "fk_report_figures_reports_report_id" FOREIGN KEY ("report_id") REFERENCES "reports" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_report_figures_reports_source_report_id" FOREIGN KEY ("source_report_id") REFERENCES "reports" ("id") ON DELETE RESTRICT
);
CREATE TABLE "report_sections" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_report_sections" PRIMARY KEY AUTOINCREMENT,
    "report_id" INTEGER NOT NULL,
    "province_id" INTEGER NOT NULL,
    "organisation_id" INTEGER NOT NULL,
    "order" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "heading" TEXT NOT NULL,
    "prompt" TEXT NULL,
    "indicator_codes" TEXT NULL,
    "breakdown" TEXT NOT NULL,
    "text" TEXT NULL,
    CONSTRAINT "fk_report_sections_reports_report_id" FOREIGN KEY ("report_id") REFERENCES "reports" ("id") ON DELETE CASCADE
);
CREATE TABLE "report_task_lines" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_report_task_lines" PRIMARY KEY AUTOINCREMENT,
    "report_id" INTEGER NOT NULL,
    "province_id" INTEGER NOT NULL,
    "organisation_id" INTEGER NOT NULL,
    "order" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "role" TEXT NULL,
    "status" TEXT NULL,
    "note" TEXT NULL,
    CONSTRAINT "fk_report_task_lines_reports_report_id" FOREIGN KEY ("report_id") REFERENCES "reports" ("id") ON DELETE CASCADE
);
CREATE TABLE "task_updates" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_task_updates" PRIMARY KEY AUTOINCREMENT,
    "assignment_id" INTEGER NOT NULL,
    "organisation_id" INTEGER NOT NULL,
    "province_id" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "at" TEXT NOT NULL,
    "user_id" INTEGER NULL,
    "user_name" TEXT NULL,
    CONSTRAINT "fk_task_updates_task_assignments_assignment_id" FOREIGN KEY ("assignment_id") REFERENCES "task_assignments" ("id") ON DELETE RESTRICT
);
CREATE TABLE "task_evidence" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_task_evidence" PRIMARY KEY AUTOINCREMENT,
    "update_id" INTEGER NOT NULL,
    "organisation_id" INTEGER NOT NULL,
    "province_id" INTEGER NOT NULL,
    "file_key" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    CONSTRAINT "fk_task_evidence_task_updates_update_id" FOREIGN KEY ("update_id") REFERENCES "task_updates" ("id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "ix_notifications_user_id_key" ON "notifications" ("user_id", "key");
CREATE INDEX "ix_notifications_user_id_read_at" ON "notifications" ("user_id", "read_at");
CREATE INDEX "ix_obligation_sources_source_id" ON "obligation_sources" ("source_id");
CREATE INDEX "ix_plan_sections_plan_id_order" ON "plan_sections" ("plan_id", "order");
CREATE INDEX "ix_plan_tasks_plan_id_order" ON "plan_tasks" ("plan_id", "order");
CREATE INDEX "ix_plan_tasks_section_id" ON "plan_tasks" ("section_id");
CREATE INDEX "ix_plans_issued_by_id" ON "plans" ("issued_by_id");
CREATE INDEX "ix_plans_province_id_issued_on" ON "plans" ("province_id", "issued_on");
CREATE INDEX "ix_plans_replaces_id" ON "plans" ("replaces_id");
CREATE INDEX "ix_report_events_report_id_at" ON "report_events" ("report_id", "at");
CREATE INDEX "ix_report_figures_report_id_source_report_id_order" ON "report_figures" ("report_id", "source_report_id", "order");
CREATE INDEX "ix_report_figures_source_report_id" ON "report_figures" ("source_report_id");
CREATE INDEX "ix_report_sections_report_id_order" ON "report_sections" ("report_id", "order");
CREATE INDEX "ix_report_task_lines_report_id_order" ON "report_task_lines" ("report_id", "order");
CREATE INDEX "ix_reporting_obligations_plan_id" ON "reporting_obligations" ("plan_id");
CREATE INDEX "ix_reporting_obligations_province_id_due_on" ON "reporting_obligations" ("province_id", "due_on");
CREATE INDEX "ix_reporting_obligations_receiver_organisation_id" ON "reporting_obligations" ("receiver_organisation_id");
CREATE UNIQUE INDEX "ix_reports_obligation_id_organisation_id" ON "reports" ("obligation_id", "organisation_id");
CREATE INDEX "ix_reports_organisation_id_state" ON "reports" ("organisation_id", "state");
CREATE INDEX "ix_task_assignments_organisation_id_status" ON "task_assignments" ("organisation_id", "status");
CREATE UNIQUE INDEX "ix_task_assignments_task_id_organisation_id" ON "task_assignments" ("task_id", "organisation_id");
CREATE INDEX "ix_task_evidence_update_id" ON "task_evidence" ("update_id");
CREATE INDEX "ix_task_parties_organisation_id" ON "task_parties" ("organisation_id");
CREATE INDEX "ix_task_parties_task_id_role_order" ON "task_parties" ("task_id", "role", "order");
CREATE INDEX "ix_task_updates_assignment_id_at" ON "task_updates" ("assignment_id", "at");
