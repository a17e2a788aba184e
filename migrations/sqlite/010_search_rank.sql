-- PostgreSQL's 010 stores each event's search length and word frequencies for ranking; FTS5 keeps both in
-- its own index (the %_docsize table and the doclists' positions), so SQLite has nothing to add.
SELECT 1;
