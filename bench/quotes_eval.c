/*
 * quotes_eval — the quotations Legate finds in pages, as the indexer finds
 * them: page (text or HTML by the file's extension), cleaning, kept text,
 * speakers, quotations. One JSON object per quotation on stdout:
 *
 *   {"file": BASENAME, "path": PATH, "quote": TEXT, "speaker": NAME|null,
 *    "partial": BOOL, "confidence": NUMBER, "start": N, "end": N,
 *    "words": [WORD...], "speaker_key": KEY|null}
 *
 *   quotes_eval FILE...
 *   quotes_eval -k < LABELS.jsonl
 *
 * "words" are the quotation's letters-and-digits runs, lower case, and
 * "speaker_key" the speaker's lg_name_key, so that bench/quotes.sh compares
 * text and names as the indexer does. -k adds those two fields to each
 * JSON object read from stdin (the labels). Exit status 1 when a file
 * cannot be read (the others are still printed).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "analyze.h"
#include "clean.h"
#include "extract.h"
#include "page.h"
#include "quotes.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0, got;
    do {
        if (n == cap) {
            char *b = realloc(buf, cap = cap ? 2 * cap : 65536);
            if (!b) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = b;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got);
    fclose(f);
    *len = n;
    return buf;
}

static int read_page(const char *path, lg_page *page)
{
    size_t len;
    char *raw = slurp(path, &len);
    if (!raw)
        return -1;
    const char *dot = strrchr(path, '.');
    lg_err e;
    int rc = dot && (!strcmp(dot, ".html") || !strcmp(dot, ".htm")) ? lg_page_from_html(raw, len, path, page, &e)
                                                                     : lg_page_from_text(raw, len, page);
    free(raw);
    return rc;
}

static int is_word_cp(utf8proc_int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) || c == UTF8PROC_CATEGORY_ND;
}

static void add_word(json_t *words, const char *word, size_t *n)
{
    if (*n)
        json_array_append_new(words, json_stringn(word, *n));
    *n = 0;
}

/* The lower-case runs of letters and digits of s. */
static json_t *words_of(const char *s)
{
    json_t *words = json_array();
    char word[1024];
    size_t n = 0, len = strlen(s);
    for (size_t i = 0; words && i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        i += k > 0 ? (size_t)k : 1;
        if (k > 0 && is_word_cp(cp) && n + 4 < sizeof word)
            n += (size_t)utf8proc_encode_char(utf8proc_tolower(cp), (utf8proc_uint8_t *)word + n);
        else
            add_word(words, word, &n);
    }
    if (words)
        add_word(words, word, &n);
    return words;
}

/* Adds "words" and "speaker_key" to a quotation object. */
static void annotate(json_t *o)
{
    const char *quote = json_string_value(json_object_get(o, "quote"));
    const char *speaker = json_string_value(json_object_get(o, "speaker"));
    char key[256];
    json_object_set_new(o, "words", words_of(quote ? quote : ""));
    json_object_set_new(o, "speaker_key", speaker && lg_name_key(speaker, strlen(speaker), key, sizeof key) > 0
        ? json_string(key) : json_null());
}

static void print_json(json_t *o)
{
    char *line = o ? json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
    if (line)
        puts(line);
    free(line);
}

static void print_quote(const char *path, const lg_quote *q)
{
    const char *base = strrchr(path, '/');
    json_t *o = json_pack("{s:s, s:s, s:s, s:o, s:b, s:f, s:I, s:I}", "file", base ? base + 1 : path, "path", path,
        "quote", q->text, "speaker", q->speaker ? json_string(q->speaker) : json_null(), "partial", q->partial,
        "confidence", q->confidence, "start", (json_int_t)q->start, "end", (json_int_t)q->end);
    if (o)
        annotate(o);
    print_json(o);
    json_decref(o);
}

/* -k: annotates the JSON objects on stdin. */
static int annotate_stdin(void)
{
    char line[1 << 16];
    int status = 0;
    while (fgets(line, sizeof line, stdin)) {
        json_t *o = json_loads(line, 0, NULL);
        if (!json_is_object(o)) {
            fprintf(stderr, "quotes_eval: not a JSON object: %.60s\n", line);
            status = 1;
        } else {
            annotate(o);
            print_json(o);
        }
        json_decref(o);
    }
    return status;
}

/* Runs the pipeline on one file; 0, or -1 when it cannot be read. */
static int eval_file(const char *path)
{
    lg_page page;
    memset(&page, 0, sizeof page);
    if (read_page(path, &page) < 0) {
        fprintf(stderr, "quotes_eval: cannot read %s\n", path);
        return -1;
    }
    lg_clean(&page, NULL, NULL);
    size_t len, n_sp = 0, n_q = 0;
    char *text = lg_page_kept_text(&page, &len);
    lg_speaker_hit *sp = NULL;
    lg_quote *q = NULL;
    int rc = text && lg_extract_speakers(&page, &sp, &n_sp) == 0
        && lg_extract_quotes(text, len, sp, n_sp, &q, &n_q) == 0 ? 0 : -1;
    for (size_t i = 0; i < n_q; i++)
        print_quote(path, &q[i]);
    if (rc < 0)
        fprintf(stderr, "quotes_eval: %s: out of memory\n", path);
    lg_quotes_free(q, n_q);
    lg_speakers_free(sp, n_sp);
    free(text);
    lg_page_free(&page);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc == 2 && !strcmp(argv[1], "-k"))
        return annotate_stdin();
    if (argc < 2) {
        fprintf(stderr, "usage: quotes_eval FILE... | quotes_eval -k < LABELS\n");
        return 2;
    }
    int status = 0;
    for (int i = 1; i < argc; i++)
        status |= eval_file(argv[i]) < 0;
    return status;
}
