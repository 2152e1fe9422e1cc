-- 005-copy-keys: only articles with copies carry a group. dup_group was
-- NULL for the first article of a group as for an article with no copy;
-- now the first carries its own id, and only articles with a group get a
-- collapse key in Xapian, so a collapsed search reads a key for the few
-- articles that have copies instead of for every match (half the cost of
-- a common word's search at 200,000 articles). The articles left without
-- a group are queued so that their Xapian documents lose the key.

UPDATE articles SET dup_group = id
 WHERE dup_group IS NULL
   AND id IN (SELECT dup_group FROM articles WHERE dup_group IS NOT NULL);

INSERT INTO outbox(article_id) SELECT id FROM articles WHERE dup_group IS NULL;
