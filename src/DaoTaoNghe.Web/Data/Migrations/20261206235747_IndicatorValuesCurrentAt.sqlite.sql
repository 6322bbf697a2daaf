ALTER TABLE "indicator_cells_states" ADD "current_at" TEXT NULL;
