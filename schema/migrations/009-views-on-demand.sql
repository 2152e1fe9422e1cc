-- 009-views-on-demand: article_view, quote_view and quote_copies leave the
-- stored schema. Every connection parses the stored schema before its
-- first statement, and the three views were a third of its text, parsed
-- by every search that reads the tables directly. The connections that use
-- a view create it as a TEMP view (schema/views.h); quote_copies had one
-- user, which now reads the tables.

DROP VIEW IF EXISTS article_view;
DROP VIEW IF EXISTS quote_view;
DROP VIEW IF EXISTS quote_copies;
