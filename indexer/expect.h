/*
 * expect.h — the Xapian documents SQLite says an article should have: its
 * own and one per quotation, built by docbuild.h with their document data
 * (docdata.h) exactly as sync writes them. `check` compares them with
 * what Xapian holds.
 */
#ifndef LEGATE_EXPECT_H
#define LEGATE_EXPECT_H

#include <sqlite3.h>
#include <stdint.h>

#include "analyze.h"
#include "err.h"
#include "store.h"
#include "xs.h"

typedef struct {
    uint64_t docid;
    int64_t id;   /* the article's or the quotation's id */
    xs_doc *doc;  /* owned */
} lg_expected_doc;

/* v[0] is the article's document, then its quotations'. data[] are the
 * document-data statements (docdata.h), prepared on the first lg_expect
 * and finalized by lg_expected_free. */
typedef struct {
    lg_expected_doc *v;
    size_t n, cap;
    sqlite3_stmt *data[2];
} lg_expected;

/* 1 with *out filled (empty it with lg_expected_clear), 0 when SQLite has
 * no article `id`, -1 on error. */
int lg_expect(lg_store *s, lg_stemmer *st, int64_t id, lg_expected *out, lg_err *e);
/* Frees the documents; keeps the array for the next article. */
void lg_expected_clear(lg_expected *x);
void lg_expected_free(lg_expected *x);

#endif
