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
 *  - boolean fields: prefix + key (speaker: one term per word of its key,
 *    so speaker:lavrov finds "Sergey Lavrov"); "Q<id>"; kind "article".
 *  - value slots: date (YYYYMMDD), outlet key, speaker key, lang.
 */
#ifndef LEGATE_DOCBUILD_H
#define LEGATE_DOCBUILD_H

#include "analyze.h"
#include "err.h"
#include "store.h"
#include "xs.h"

#define LG_TITLE_GAP 100

/* Builds *out (caller xs_doc_free()s). */
int lg_docbuild(const lg_stored *a, lg_stemmer *st, xs_doc **out, lg_err *e);

#endif
