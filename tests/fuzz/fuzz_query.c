/* The query language (query/parse.c, compile.c): the bytes up to the first
 * NUL are the query, each later NUL-separated part a command-line filter
 * value (--outlet, --speaker, --lang in turn). Parsing either fails with a
 * column inside the query or gives a tree that compiles or fails cleanly. */
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
    if (lg_query_compile(root, f, st, &x, &ranked, &err) == 0)
        xs_query_free(x);
    else
        fz_require(err.message[0] != '\0', "compile error has a message");
    lg_query_highlight_terms(root, st, highlight, NULL);
    lg_qnode_free(root);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static lg_stemmer *st;
    if (!st)
        st = lg_stemmer_new();
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
