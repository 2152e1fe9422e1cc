/*
 * docbuild.h — the Xapian document of an article, built only from what
 * SQLite stores (so Xapian can always be rebuilt from SQLite).
 *
 * Terms (prefixes from the field table, never spelled here):
 *  - text fields (title, text): each token's folded form as a positional
 *    term under the field's prefix, and its stem as "Z"+prefix+stem
 *    (wdf only). Title tokens are also indexed unprefixed, before the body
 *    and LG_TITLE_GAP positions away from it, so a phrase never spans the
 *    title and the body.
 *  - boolean fields: prefix + key (speaker: one term per word of the key of
 *    every speaker the article reports, so speaker:lavrov finds "Sergey
 *    Lavrov" wherever he is quoted); "Q<id>"; kind "article".
 *  - value slots: date (YYYYMMDD), outlet key, main speaker key, lang, and
 *    the group of syndicated copies (the collapse key).
 * Quotations are documents of their own (lg_docbuild_quote).
 */
#ifndef LEGATE_DOCBUILD_H
#define LEGATE_DOCBUILD_H

#include "analyze.h"
#include "fields.h"
#include "err.h"
#include "store.h"
#include "xs.h"

#define LG_TITLE_GAP 100

/* The article's document, its quotations also indexed under the quote
 * prefix so `quote:` finds the article. *out: caller xs_doc_free()s. */
int lg_docbuild(const lg_stored *a, const lg_stored_quote *quotes, size_t n_quotes,
                lg_stemmer *st, xs_doc **out, lg_err *e);

/* A quotation's own document: its words, kind "quote", its speaker, the
 * parent article's id under the parent prefix (so the article's quotes
 * can be deleted at once), the article's date, outlet and language, and
 * the quote key in its slot for collapsing copies. */
int lg_docbuild_quote(const lg_stored *a, const lg_stored_quote *q, lg_stemmer *st, xs_doc **out,
                      lg_err *e);

/* The Xapian docid of quote `id`. */
static inline uint64_t lg_quote_docid(int64_t id)
{
    return lg_quote_docid_base() + (uint64_t)id;
}

#endif
