#include "format.h"

#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "jsonw.h"
#include "strbuf.h"

/* Text mode: snippet and title wrap at this display column, under the
 * "  1. " rank prefix. */
#define TEXT_WIDTH 100
#define TEXT_INDENT "     "
#define BOLD "\033[1m"
#define RESET "\033[0m"

/* Fifteen significant digits print every score rounded to 6 decimals
 * exactly as rounded (12.345678, not 12.345677999999999). */
#define JSON_FLAGS (JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))

struct lg_fmt {
    lg_format f;
    FILE *out;
    char *query;
    int color;
    uint64_t n_hits;   /* hits written so far */
    int failed;        /* a write failed: every later call fails too */
    lg_field_id cols[LG_F__COUNT];  /* the output columns, in order */
    size_t n_cols;
    lg_sb sb;          /* the bytes of the current record */
    lg_sb cell;        /* scratch for a cell that needs building */
    char *hl_pre, *hl_post;  /* snippet markers for machine formats */
    double score;            /* the last score written in json, and as what */
    char score_json[64];
    int score_set;
    lg_field_id list_field;  /* LG_FMT_LIST: the one value written */
    char list_sep;
};

static const char *const format_names[] = {
    [LG_FMT_TEXT] = "text", [LG_FMT_JSON] = "json", [LG_FMT_NDJSON] = "ndjson",
    [LG_FMT_CSV] = "csv",   [LG_FMT_TSV] = "tsv",
};

int lg_format_parse(const char *name, lg_format *out)
{
    for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++) {
        if (strcmp(name, format_names[i]) == 0) {
            *out = (lg_format)i;
            return 0;
        }
    }
    return -1;
}

/* ---- field values ------------------------------------------------- */

/* The score with at most 6 decimals and no trailing zeros ("12.5"). A
 * non-finite score is a ranking bug, but must not make invalid JSON. */
static void score_text(double score, char out[64])
{
    snprintf(out, 64, "%.6f", isfinite(score) ? score : 0.0);
    if (!strchr(out, '.'))
        return; /* too large for 64 bytes: no decimals to strip */
    char *end = out + strlen(out);
    while (end[-1] == '0')
        end--;
    if (end[-1] == '.')
        end--;
    *end = '\0';
}

/* A JSON array held as text, its string elements joined by "; " into
 * `out` (for csv, tsv and text). */
static const char *joined_array(const char *json, lg_sb *out)
{
    json_t *arr = json_loads(json, 0, NULL);
    size_t i;
    json_t *v;
    lg_sb_reset(out);
    json_array_foreach(arr, i, v) {
        if (out->len)
            lg_sb_adds(out, "; ");
        lg_sb_adds(out, json_is_string(v) ? json_string_value(v) : "");
    }
    json_decref(arr);
    return out->buf;
}

/* The snippet with the markers around its matched words. */
static const char *marked_snippet(const lg_hit *h, const char *pre, const char *post, lg_sb *out)
{
    lg_sb_reset(out);
    size_t at = 0;
    for (size_t i = 0; i < h->n_hl; i++) {
        lg_sb_add(out, h->snippet + at, h->hl[i].start - at);
        lg_sb_adds(out, pre);
        lg_sb_add(out, h->snippet + h->hl[i].start, h->hl[i].end - h->hl[i].start);
        lg_sb_adds(out, post);
        at = h->hl[i].end;
    }
    lg_sb_adds(out, h->snippet + at);
    return out->buf;
}

/* The display text of output field `id` of a hit, or NULL when absent.
 * Numbers are written into `num`, built text into w->cell. */
static const char *cell_text(lg_fmt *w, const lg_hit *h, lg_field_id id, char num[64])
{
    lg_sb *cell = &w->cell;
    switch (id) {
    case LG_F_ID:
    case LG_F_QUOTE_ID:
        snprintf(num, 64, "%" PRIu64, h->id);
        return num;
    case LG_F_RANK:
        snprintf(num, 64, "%" PRIu64, h->rank);
        return num;
    case LG_F_SCORE:
        score_text(h->score, num);
        return num;
    case LG_F_SNIPPET:
        if (h->snippet && (w->hl_pre || w->hl_post))
            return marked_snippet(h, w->hl_pre ? w->hl_pre : "", w->hl_post ? w->hl_post : "", cell);
        return h->snippet;
    default:
        if (h->values[id] && (lg_field_get(id)->flags & LG_JSON_ARRAY))
            return joined_array(h->values[id], cell);
        return h->values[id];
    }
}

void lg_fmt_set_columns(lg_fmt *w, unsigned flag)
{
    w->n_cols = 0;
    for (int id = 0; id < LG_F__COUNT; id++)
        if (lg_field_get((lg_field_id)id)->flags & flag)
            w->cols[w->n_cols++] = (lg_field_id)id;
}

void lg_fmt_set_fields(lg_fmt *w, const lg_field_id *ids, size_t n)
{
    w->n_cols = n < LG_F__COUNT ? n : LG_F__COUNT;
    memcpy(w->cols, ids, w->n_cols * sizeof *ids);
}

/* ---- json / ndjson ------------------------------------------------ */

/* A value held as text, as the JSON type the field table gives it, at
 * `depth` (arrays span lines when pretty). */
static int typed_json(lg_fmt *w, const char *s, unsigned flags, int indent, int depth)
{
    if (flags & LG_JSON_INT) {
        lg_jsonw_int(&w->sb, strtoll(s, NULL, 10));
        return 0;
    }
    if (flags & LG_JSON_BOOL) {
        lg_sb_adds(&w->sb, strcmp(s, "true") == 0 ? "true" : "false");
        return 0;
    }
    if (!(flags & (LG_JSON_NUM | LG_JSON_ARRAY)))
        return lg_jsonw_string(&w->sb, s);
    json_t *v = flags & LG_JSON_NUM ? json_real(strtod(s, NULL)) : json_loads(s, 0, NULL);
    if (!v && (flags & LG_JSON_ARRAY))
        v = json_array();
    size_t layout = indent ? JSON_INDENT(indent) : JSON_COMPACT;
    int rc = v ? lg_jsonw_dump(&w->sb, v, JSON_FLAGS | layout, indent, depth) : -1;
    json_decref(v);
    return rc;
}

/* The score as jansson writes the real (score_text rounded): the same
 * score in a row (0 unless ranked) is formatted once. */
static int score_json(lg_fmt *w, double score)
{
    if (!w->score_set || score != w->score) {
        char num[64];
        score_text(score, num);
        json_t *v = json_real(strtod(num, NULL));
        size_t n = v ? json_dumpb(v, w->score_json, sizeof w->score_json - 1,
                                  JSON_FLAGS | JSON_ENCODE_ANY) : 0;
        json_decref(v);
        if (n == 0 || n >= sizeof w->score_json)
            return -1;
        w->score_json[n] = '\0';
        w->score = score;
        w->score_set = 1;
    }
    lg_sb_adds(&w->sb, w->score_json);
    return 0;
}

static int cell_json(lg_fmt *w, const lg_hit *h, lg_field_id id, int indent, int depth)
{
    char num[64];
    switch (id) {
    case LG_F_ID:
    case LG_F_QUOTE_ID:
        lg_jsonw_int(&w->sb, (long long)h->id);
        return 0;
    case LG_F_RANK:
        lg_jsonw_int(&w->sb, (long long)h->rank);
        return 0;
    case LG_F_SCORE:
        return score_json(w, h->score);
    case LG_F_SNIPPET:
        if (!h->snippet)
            break;
        return lg_jsonw_string(&w->sb, cell_text(w, h, id, num));
    default:
        if (!h->values[id])
            break;
        return typed_json(w, h->values[id], lg_field_get(id)->flags, indent, depth);
    }
    lg_sb_adds(&w->sb, "null");
    return 0;
}

static int seen_before(const lg_fmt *w, size_t c)
{
    for (size_t k = 0; k < c; k++)
        if (w->cols[k] == w->cols[c])
            return 1;
    return 0;
}

/* The hit as an object at `depth`, written as jansson dumps it
 * (JSON_PRESERVE_ORDER: a column repeated by --fields is a key set
 * twice, so it appears once, where it first came). indent 0: compact. */
static int hit_json(lg_fmt *w, const lg_hit *h, int indent, int depth)
{
    int rc = 0, any = 0;
    lg_sb_addc(&w->sb, '{');
    for (size_t c = 0; rc == 0 && c < w->n_cols; c++) {
        if (seen_before(w, c))
            continue;
        lg_sb_adds(&w->sb, any ? "," : "");
        lg_jsonw_newline(&w->sb, indent, depth + 1);
        any = 1;
        /* Field names are snake_case ASCII: nothing to escape. */
        lg_sb_addc(&w->sb, '"');
        lg_sb_adds(&w->sb, lg_field_get(w->cols[c])->name);
        lg_sb_adds(&w->sb, indent ? "\": " : "\":");
        rc = cell_json(w, h, w->cols[c], indent, depth + 1);
    }
    if (any)
        lg_jsonw_newline(&w->sb, indent, depth);
    lg_sb_addc(&w->sb, '}');
    return rc;
}

static int json_begin(lg_fmt *w, uint64_t total, int exact, uint64_t offset)
{
    lg_sb_adds(&w->sb, "{\n  \"query\": ");
    if (!w->query)
        lg_sb_adds(&w->sb, "null");
    else if (lg_jsonw_string(&w->sb, w->query) != 0)
        return -1;
    lg_sb_addf(&w->sb,
               ",\n  \"total\": %" PRIu64 ",\n  \"total_exact\": %s,\n  \"offset\": %" PRIu64
               ",\n  \"results\": [",
               total, exact ? "true" : "false", offset);
    return 0;
}

/* Each result is written on its own (constant memory for huge exports),
 * at depth 2 of the document. */
static int json_hit(lg_fmt *w, const lg_hit *h)
{
    lg_sb_adds(&w->sb, w->n_hits ? ",\n    " : "\n    ");
    return hit_json(w, h, 2, 2);
}

static int json_end(lg_fmt *w)
{
    lg_sb_adds(&w->sb, w->n_hits ? "\n  ]\n}\n" : "]\n}\n");
    return 0;
}

static int ndjson_hit(lg_fmt *w, const lg_hit *h)
{
    int rc = hit_json(w, h, 0, 0);
    lg_sb_addc(&w->sb, '\n');
    return rc;
}

/* ---- csv / tsv ---------------------------------------------------- */

void lg_csv_cell(lg_sb *sb, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        lg_sb_adds(sb, s);
        return;
    }
    lg_sb_addc(sb, '"');
    for (; *s; s++) {
        if (*s == '"')
            lg_sb_addc(sb, '"');
        lg_sb_addc(sb, *s);
    }
    lg_sb_addc(sb, '"');
}

void lg_tsv_cell(lg_sb *sb, const char *s)
{
    for (; *s; s++) {
        const char *esc = *s == '\t' ? "\\t" : *s == '\r' ? "\\r" : *s == '\n' ? "\\n"
                        : *s == '\\' ? "\\\\" : NULL;
        if (esc)
            lg_sb_adds(sb, esc);
        else
            lg_sb_addc(sb, *s);
    }
}

/* One row of output fields: the header when h is NULL. */
static void table_row(lg_fmt *w, const lg_hit *h)
{
    int csv = w->f == LG_FMT_CSV;
    int first = 1;
    for (size_t c = 0; c < w->n_cols; c++) {
        lg_field_id id = w->cols[c];
        if (!first)
            lg_sb_addc(&w->sb, csv ? ',' : '\t');
        first = 0;
        char num[64];
        const char *s = h ? cell_text(w, h, id, num) : lg_field_get(id)->name;
        (csv ? lg_csv_cell : lg_tsv_cell)(&w->sb, s ? s : "");
    }
    lg_sb_adds(&w->sb, csv ? "\r\n" : "\n");
}

static int table_begin(lg_fmt *w, uint64_t total, int exact, uint64_t offset)
{
    (void)total;
    (void)exact;
    (void)offset;
    table_row(w, NULL);
    return 0;
}

static int table_hit(lg_fmt *w, const lg_hit *h)
{
    table_row(w, h);
    return 0;
}

/* ---- text --------------------------------------------------------- */

static int is_control(char c)
{
    return (unsigned char)c < 0x20 || c == 0x7f;
}

/* Feed text is scraped from the web: control bytes (ESC above all) are
 * shown as spaces so they can never drive the terminal. */
static void add_clean(lg_sb *sb, const char *s, size_t len)
{
    for (size_t i = 0, run; i < len; i = run + 1) {
        for (run = i; run < len && !is_control(s[run]); run++)
            ;
        lg_sb_add(sb, s + i, run - i);
        if (run < len)
            lg_sb_addc(sb, ' ');
    }
}

/* Terminal columns taken by s[0..len). */
static size_t display_width(const char *s, size_t len)
{
    size_t width = 0;
    for (size_t i = 0; i < len;) {
        if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f) {
            width++; /* printable ASCII, most of any text */
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0) {
            width++;
            i++;
            continue;
        }
        width += (size_t)utf8proc_charwidth(cp);
        i += (size_t)n;
    }
    return width;
}

/* Where text-mode output stands in the highlight spans while wrapping. */
typedef struct {
    const lg_span *hl;
    size_t n_hl, next;
    int bold;
} hl_cursor;

/* Switches bold on or off for the byte at offset p. */
static void hl_at(lg_sb *sb, hl_cursor *c, size_t p)
{
    while (c->next < c->n_hl && c->hl[c->next].end <= p) {
        if (c->bold)
            lg_sb_adds(sb, RESET);
        c->bold = 0;
        c->next++;
    }
    if (!c->bold && c->next < c->n_hl && c->hl[c->next].start <= p) {
        lg_sb_adds(sb, BOLD);
        c->bold = 1;
    }
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Writes s word-wrapped at TEXT_WIDTH under TEXT_INDENT, with the bytes in
 * c's spans in bold (c NULL: no highlighting). */
static void text_wrapped(lg_sb *sb, const char *s, hl_cursor *c)
{
    size_t indent = strlen(TEXT_INDENT), col = indent;
    lg_sb_adds(sb, TEXT_INDENT);
    for (size_t p = 0; s[p];) {
        if (is_blank(s[p])) {
            p++;
            continue;
        }
        size_t end = p;
        while (s[end] && !is_blank(s[end]))
            end++;
        size_t width = display_width(s + p, end - p);
        if (col > indent && col + 1 + width > TEXT_WIDTH) {
            lg_sb_adds(sb, "\n" TEXT_INDENT);
            col = indent;
        } else if (col > indent) {
            lg_sb_addc(sb, ' ');
            col++;
        }
        if (!c) {
            add_clean(sb, s + p, end - p);
            p = end;
        }
        for (; p < end; p++) {
            hl_at(sb, c, p);
            add_clean(sb, s + p, 1);
        }
        if (c)
            hl_at(sb, c, p);
        col += width;
    }
    if (c && c->bold)
        lg_sb_adds(sb, RESET);
    lg_sb_addc(sb, '\n');
}

static void text_field(lg_sb *sb, const char *s, const char *absent)
{
    s = s && *s ? s : absent;
    add_clean(sb, s, strlen(s));
}

/* --output ids|sources: the one value, then the separator ('\n' or NUL). */
static int list_hit(lg_fmt *w, const lg_hit *h)
{
    char num[64];
    const char *v = cell_text(w, h, w->list_field, num);
    lg_sb_adds(&w->sb, v ? v : "");
    lg_sb_addc(&w->sb, w->list_sep);
    return 0;
}

void lg_fmt_set_list(lg_fmt *w, lg_field_id field, char sep)
{
    w->f = LG_FMT_LIST;
    w->list_field = field;
    w->list_sep = sep;
}

int lg_fmt_set_markers(lg_fmt *w, const char *pre, const char *post)
{
    free(w->hl_pre);
    free(w->hl_post);
    w->hl_pre = pre ? strdup(pre) : NULL;
    w->hl_post = post ? strdup(post) : NULL;
    return (pre && !w->hl_pre) || (post && !w->hl_post) ? -1 : 0;
}

static int text_hit(lg_fmt *w, const lg_hit *h)
{
    lg_sb *sb = &w->sb;
    if (w->n_hits)
        lg_sb_addc(sb, '\n');
    lg_sb_addf(sb, "%3" PRIu64 ". ", h->rank);
    /* "?\?" keeps C11 from reading "??-" as a trigraph. */
    text_field(sb, h->values[LG_F_DATE], "??\?\?-?\?-?\?");
    lg_sb_adds(sb, "  ");
    text_field(sb, h->values[LG_F_OUTLET], "-");
    lg_sb_adds(sb, "  ");
    text_field(sb, h->values[LG_F_SPEAKER], "-");
    lg_sb_addc(sb, '\n');
    const char *title = h->values[LG_F_TITLE];
    if (title && *title) {
        /* The whole title is one span, so it is bold throughout. */
        lg_span all = {0, strlen(title)};
        hl_cursor c = {&all, 1, 0, 0};
        text_wrapped(sb, title, w->color ? &c : NULL);
    }
    if (h->snippet && *h->snippet) {
        hl_cursor c = {h->hl, h->n_hl, 0, 0};
        text_wrapped(sb, h->snippet, w->color ? &c : NULL);
    }
    return 0;
}

/* ---- the writer --------------------------------------------------- */

typedef struct {
    int (*begin)(lg_fmt *w, uint64_t total, int exact, uint64_t offset);
    int (*hit)(lg_fmt *w, const lg_hit *h);
    int (*end)(lg_fmt *w);
} fmt_ops;

static const fmt_ops ops[] = {
    [LG_FMT_TEXT] = {NULL, text_hit, NULL},
    [LG_FMT_JSON] = {json_begin, json_hit, json_end},
    [LG_FMT_NDJSON] = {NULL, ndjson_hit, NULL},
    [LG_FMT_CSV] = {table_begin, table_hit, NULL},
    [LG_FMT_TSV] = {table_begin, table_hit, NULL},
    [LG_FMT_LIST] = {NULL, list_hit, NULL},
};

lg_fmt *lg_fmt_new(lg_format f, FILE *out, const char *query, int color)
{
    lg_fmt *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->query = query ? strdup(query) : NULL;
    if (query && !w->query) {
        free(w);
        return NULL;
    }
    w->f = f;
    w->out = out;
    w->color = color;
    lg_fmt_set_columns(w, LG_OUTPUT);
    lg_sb_init(&w->sb);
    lg_sb_init(&w->cell);
    return w;
}

/* Writes the record built in w->sb after `built` (the format step's
 * result), remembering any failure. */
static int flush_record(lg_fmt *w, int built)
{
    if (built != 0)
        w->failed = 1;
    if (!w->failed && w->sb.len && fwrite(w->sb.buf, 1, w->sb.len, w->out) != w->sb.len)
        w->failed = 1;
    lg_sb_reset(&w->sb);
    return w->failed ? -1 : 0;
}

int lg_fmt_needs_total(const lg_fmt *w)
{
    return w->f == LG_FMT_JSON;
}

int lg_fmt_begin(lg_fmt *w, uint64_t total, int exact, uint64_t offset)
{
    const fmt_ops *o = &ops[w->f];
    return flush_record(w, o->begin && !w->failed ? o->begin(w, total, exact, offset) : 0);
}

int lg_fmt_hit(lg_fmt *w, const lg_hit *h)
{
    if (w->failed)
        return -1;
    int rc = flush_record(w, ops[w->f].hit(w, h));
    w->n_hits++;
    return rc;
}

int lg_fmt_end(lg_fmt *w)
{
    const fmt_ops *o = &ops[w->f];
    if (flush_record(w, o->end && !w->failed ? o->end(w) : 0) != 0)
        return -1;
    if (fflush(w->out) != 0 || ferror(w->out))
        w->failed = 1;
    return w->failed ? -1 : 0;
}

void lg_fmt_free(lg_fmt *w)
{
    if (!w)
        return;
    lg_sb_release(&w->sb);
    lg_sb_release(&w->cell);
    free(w->hl_pre);
    free(w->hl_post);
    free(w->query);
    free(w);
}
