ALTER TABLE indicator_cells_states ADD current_at timestamp with time zone;
