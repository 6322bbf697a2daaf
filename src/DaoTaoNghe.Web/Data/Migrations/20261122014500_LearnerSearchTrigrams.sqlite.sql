-- Trigram indexes for learner search exist on PostgreSQL only (see the .postgres.sql script); SQLite has nothing to add.
SELECT 1;
