#include "analyze.h"
#include "strbuf.h"

#include <libstemmer.h>
#include <stdlib.h>

struct lg_stemmer {
    struct sb_stemmer *english, *russian;
    /* The last stem, copied so that what lg_stem returns always lives in
     * this one buffer, whatever libstemmer does with its own. */
    lg_sb stem;
};

lg_stemmer *lg_stemmer_new(void)
{
    lg_stemmer *st = calloc(1, sizeof *st);
    if (!st)
        return NULL;
    lg_sb_init(&st->stem);
    st->english = sb_stemmer_new("english", "UTF_8");
    st->russian = sb_stemmer_new("russian", "UTF_8");
    if (!st->english || !st->russian) {
        lg_stemmer_free(st);
        return NULL;
    }
    return st;
}

void lg_stemmer_free(lg_stemmer *st)
{
    if (!st)
        return;
    sb_stemmer_delete(st->english);
    sb_stemmer_delete(st->russian);
    lg_sb_release(&st->stem);
    free(st);
}

static struct sb_stemmer *stemmer_for(lg_stemmer *st, const lg_token *tok)
{
    if (tok->numeric)
        return NULL;
    switch (tok->script) {
    case LG_SCRIPT_LATIN: return st->english;
    case LG_SCRIPT_CYRILLIC: return st->russian;
    default: return NULL;
    }
}

const char *lg_stem(lg_stemmer *st, const lg_token *tok, size_t *out_len)
{
    struct sb_stemmer *sb = stemmer_for(st, tok);
    /* NULL from libstemmer means it ran out of memory: leave the term
     * unstemmed rather than fail the document. */
    const sb_symbol *stem = sb ? sb_stemmer_stem(sb, (const sb_symbol *)tok->term, (int)tok->len) : NULL;
    if (!stem)
        return NULL;
    lg_sb_reset(&st->stem);
    lg_sb_add(&st->stem, stem, (size_t)sb_stemmer_length(sb));
    if (out_len)
        *out_len = st->stem.len;
    return st->stem.buf;
}
