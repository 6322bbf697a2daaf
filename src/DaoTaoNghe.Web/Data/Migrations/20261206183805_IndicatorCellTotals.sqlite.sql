CREATE INDEX "ix_indicator_cells_totals" ON "indicator_cells" ("year", "commune_id", "computation", "organisation_id", "value") WHERE dimension IS NULL AND month = 0;
