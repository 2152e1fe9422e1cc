-- 008-stem-forms: Xapian indexes each word once, by its folded form; the
-- forms that share a stem are listed in Xapian's metadata (docbuild.h), no
-- longer as a "Z" stem term beside every form. The stem terms were nearly
-- half of Xapian's postings: writing them took a fifth of an index run.
-- Every article is queued, so that the next sync rewrites its documents
-- without the stem terms and lists its forms.

INSERT INTO outbox(article_id) SELECT id FROM articles;
