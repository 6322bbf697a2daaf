-- Nothing changes on Sqlite (e.g. a string length, which SQLite does not keep).
SELECT 1;
