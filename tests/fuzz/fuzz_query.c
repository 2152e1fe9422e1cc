/* The query language (query/parse.c, compile.c): the bytes up to the first
 * NUL are the query, each later NUL-separated part a command-line filter
 * value (--outlet, --speaker, --lang in turn). Parsing either fails with a
 * column inside the query or gives a tree that compiles or fails cleanly. */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "compile.h"
#include "fuzz.h"
#include "parse.h"

#define MAX_FILTERS 6

static void highlight(void *ctx, const char *term, size_t len, int stemmed)
{
    (void)ctx, (void)stemmed;
    fz_require(strlen(term) >= len, "highlight term length");
}

/* An index holding a few words for stems to expand to, removed at exit. */
static char dbdir[] = "/tmp/legate-fuzz-query-XXXXXX";
static xs_db *xdb;

static int remove_entry(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
    (void)sb, (void)type, (void)ftw;
    return remove(path);
}

static void close_index(void)
{
    xs_db_close(xdb);
    nftw(dbdir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}

static void open_index(void)
{
    xs_doc *doc = NULL;
    fz_require(mkdtemp(dbdir) != NULL, "temporary directory");
    fz_require(xs_db_open(dbdir, XS_OPEN_CREATE, &xdb) == XS_OK, "open the index");
    atexit(close_index);
    fz_require(xs_doc_new(&doc) == XS_OK, "allocation");
    const char *words[][2] = {{"talks", LG_STEM_KEY "talk"}, {"talk", LG_STEM_KEY "talk"},
                              {"peace", LG_STEM_KEY "peac"}};
    for (size_t i = 0; i < 3; i++) {
        size_t n = strlen(words[i][0]);
        fz_require(xs_doc_add_posting(doc, words[i][0], n, (uint32_t)i + 1) == XS_OK &&
                       xs_doc_add_to_set(doc, words[i][1], strlen(words[i][1]), words[i][0], n) ==
                           XS_OK,
                   "document");
    }
    fz_require(xs_db_replace(xdb, 1, doc) == XS_OK && xs_db_commit(xdb) == XS_OK, "write");
    xs_doc_free(doc);
}

static void run(const char *q, const lg_filters *f, lg_stemmer *st)
{
    lg_qnode *root = NULL;
    lg_qerror err;
    size_t chars = strlen(q) + 1;
    if (lg_query_parse(q, &root, &err) != 0) {
        fz_require(err.column <= chars && err.message[0], "parse error names a column");
        return;
    }
    free(lg_qnode_describe(root));
    xs_query *x = NULL;
    int ranked;
    if (lg_query_compile(root, f, st, xdb, &x, &ranked, &err) == 0)
        xs_query_free(x);
    else
        fz_require(err.message[0] != '\0', "compile error has a message");
    lg_query_highlight_terms(root, st, highlight, NULL);
    lg_qnode_free(root);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static lg_stemmer *st;
    if (!st) {
        st = lg_stemmer_new();
        open_index();
    }
    char *buf = malloc(size + 1);
    fz_require(buf != NULL, "allocation");
    memcpy(buf, data, size);
    buf[size] = '\0';
    const char *lists[3][MAX_FILTERS];
    size_t counts[3] = {0, 0, 0}, k = 0;
    for (char *p = buf + strlen(buf); p < buf + size && k < 3 * MAX_FILTERS; k++) {
        p++;
        lists[k % 3][counts[k % 3]++] = p;
        p += strlen(p);
    }
    lg_filters f = {.outlets = lists[0], .n_outlets = counts[0],
                    .speakers = lists[1], .n_speakers = counts[1],
                    .langs = lists[2], .n_langs = counts[2]};
    run(buf, k ? &f : NULL, st);
    free(buf);
    return 0;
}
