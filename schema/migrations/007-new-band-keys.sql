-- 007-new-band-keys: new articles' band keys go to a small table of their
-- own, folded into minhash_keys in key order once it holds about 500,000
-- (indexer/store.c, lg_store_fold_keys).
--
-- Why: band keys are random, so the keys of a batch of 1,000 articles (26
-- each on average) landed on most pages of minhash_keys, and each commit
-- wrote them all again: at 200,000 articles about 50 MB a batch, most of
-- the run's system time, growing with the collection. The small table
-- stays in the page cache; a fold writes each page of minhash_keys once.
-- Lookups read both tables; deletes delete from both.

CREATE TABLE minhash_new (
  key        INTEGER NOT NULL,
  article_id INTEGER NOT NULL,
  PRIMARY KEY (key, article_id)
) WITHOUT ROWID;
