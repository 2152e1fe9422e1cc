/*
 * page.c — blocks: adding them (every block's text folded and made valid
 * UTF-8 here, whoever adds it), the kept text, and reading a plain-text
 * scrape, including a text browser's dump whose paragraphs are wrapped.
 */
#include "page.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "strbuf.h"

/* Bytes of the white space character at s (what Python's \s matches, so
 * folded text compares like the scoring rule normalises it), else 0. */
static size_t space_len(const unsigned char *s, size_t n)
{
    if (*s == ' ' || (*s >= '\t' && *s <= '\r') || (*s >= 0x1C && *s <= 0x1F))
        return 1;
    if (n >= 2 && s[0] == 0xC2 && (s[1] == 0xA0 || s[1] == 0x85))
        return 2;
    if (n < 3)
        return 0;
    if (s[0] == 0xE2 && s[1] == 0x80 && (s[2] <= 0x8A || s[2] == 0xA8 || s[2] == 0xA9 || s[2] == 0xAF))
        return 3;
    if ((s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0x9F) || (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) ||
        (s[0] == 0xE1 && s[1] == 0x9A && s[2] == 0x80))
        return 3;
    return 0;
}

/* Characters that carry nothing a reader sees: the soft hyphen, zero-width
 * spaces and joiners, the byte order mark. Dropped so that "Bundes&shy;tag"
 * reads and matches as "Bundestag". */
static size_t invisible_len(const unsigned char *s, size_t n)
{
    if (n >= 2 && s[0] == 0xC2 && s[1] == 0xAD)
        return 2;
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] >= 0x8B && s[2] <= 0x8D)
        return 3;
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        return 3;
    return 0;
}

/* Appends text with white space runs folded to one space, invisible
 * characters dropped and bytes that are not UTF-8 (or NUL) replaced by
 * U+FFFD; leading and trailing space trimmed. */
static void fold_into(lg_sb *sb, const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t start = sb->len, i = 0;
    int pending_space = 0;
    while (i < len) {
        size_t k = space_len(s + i, len - i);
        if (k) {
            pending_space = 1;
            i += k;
            continue;
        }
        if ((k = invisible_len(s + i, len - i))) {
            i += k;
            continue;
        }
        if (pending_space && sb->len > start)
            lg_sb_addc(sb, ' ');
        pending_space = 0;
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = s[i] ? utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &cp) : -1;
        if (n <= 0) {
            lg_sb_adds(sb, "\xEF\xBF\xBD");
            i++;
        } else {
            lg_sb_add(sb, s + i, (size_t)n);
            i += (size_t)n;
        }
    }
}

int lg_page_add(lg_page *page, const char *text, size_t len, lg_block_kind kind)
{
    lg_sb sb = LG_SB_INIT;
    fold_into(&sb, text, len);
    if (!sb.len) {
        lg_sb_release(&sb);
        return 0;
    }
    if (LG_GROW(page->blocks, page->n, page->cap) != 0) {
        lg_sb_release(&sb);
        return -1;
    }
    lg_block *b = &page->blocks[page->n++];
    memset(b, 0, sizeof *b);
    b->text = lg_sb_detach(&sb, &b->len);
    b->kind = kind;
    b->keep = 1; /* until cleaning decides */
    return 0;
}

void lg_page_free(lg_page *page)
{
    for (size_t i = 0; i < page->n; i++)
        free(page->blocks[i].text);
    free(page->blocks);
    free(page->html_title);
    free(page->og_title);
    free(page->site_name);
    free(page->published);
    free(page->stamp);
    for (size_t i = 0; i < page->n_zoned; i++)
        free(page->zoned[i]);
    free(page->canonical);
    free(page->author);
    free(page->lang);
    memset(page, 0, sizeof *page);
}

char *lg_page_kept_text(const lg_page *page, size_t *len)
{
    lg_sb sb = LG_SB_INIT;
    for (size_t i = 0; i < page->n; i++) {
        if (!page->blocks[i].keep)
            continue;
        if (sb.len)
            lg_sb_add(&sb, "\n\n", 2);
        lg_sb_add(&sb, page->blocks[i].text, page->blocks[i].len);
    }
    return lg_sb_detach(&sb, len);
}

/* ---- plain text ----------------------------------------------------- */

typedef struct {
    const char *s;
    size_t len;   /* without the line break */
    size_t width; /* display columns, trailing space excluded */
    size_t indent;/* bytes of leading space */
} text_line;

/* Columns a terminal gives the text (CJK counts two), as a text dumper
 * such as w3m counts them when it wraps. */
static size_t display_width(const char *s, size_t len)
{
    size_t w = 0, i = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0) {
            w++;
            i++;
            continue;
        }
        int cw = utf8proc_charwidth(cp);
        w += cw > 0 ? (size_t)cw : 0;
        i += (size_t)n;
    }
    return w;
}

static size_t leading_space(const char *s, size_t len)
{
    size_t i = 0, k;
    while (i < len && (k = space_len((const unsigned char *)s + i, len - i)))
        i += k;
    return i;
}

static size_t trimmed_len(const char *s, size_t len)
{
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
        len--;
    return len;
}

/* Bullets a scraper or a text browser puts before list items (w3m marks
 * nested levels with • □ ○ ■ ☆). Returns the bytes to skip, else 0. */
static size_t bullet_len(const char *s, size_t len)
{
    static const char *const bullets[] = {"-", "*", "\u2022", "\u00B7", "\u25A1", "\u25CB",
                                          "\u25A0", "\u2606", "\u25E6", "\u25AA"};
    for (size_t i = 0; i < sizeof bullets / sizeof bullets[0]; i++) {
        size_t n = strlen(bullets[i]);
        if (len > n && memcmp(s, bullets[i], n) == 0 && space_len((const unsigned char *)s + n, len - n))
            return n;
        if (len == n && n > 1 && memcmp(s, bullets[i], n) == 0)
            return n; /* an empty item whose text w3m put on the next line */
    }
    return 0;
}

static int is_bullet_line(const text_line *l)
{
    return bullet_len(l->s + l->indent, l->len - l->indent) > 0;
}

static size_t split_lines(const char *text, size_t len, text_line **out)
{
    size_t n = 0, cap = 0, i = 0;
    text_line *lines = NULL;
    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) : len;
        if (LG_GROW(lines, n, cap) != 0) {
            free(lines);
            *out = NULL;
            return (size_t)-1;
        }
        text_line *l = &lines[n++];
        l->s = text + i;
        l->len = trimmed_len(text + i, end - i);
        l->indent = leading_space(l->s, l->len);
        l->width = l->indent == l->len ? 0 : display_width(l->s, l->len);
        i = end + 1;
    }
    *out = lines;
    return n;
}

static int by_width_desc(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? 1 : x > y ? -1 : 0;
}

/* Whether a line ends a sentence: . ! ? or : before any closing quotes. */
static int ends_sentence(const char *s, size_t len)
{
    static const char *const closers[] = {"\"", "'", ")", "\u201D", "\u2019", "\u00BB"};
    for (int again = 1; again;) {
        again = 0;
        for (size_t i = 0; i < sizeof closers / sizeof closers[0]; i++) {
            size_t k = strlen(closers[i]);
            if (len >= k && memcmp(s + len - k, closers[i], k) == 0) {
                len -= k;
                again = 1;
            }
        }
    }
    return len && s[len - 1] && strchr(".!?:", s[len - 1]);
}

/* Columns a terminal dump is at most; scrapes have longer lines. */
#define MAX_WRAP 200
/* How far under the wrap column a wrapped line may end. */
#define WRAP_SLACK 10

/* The widest width that at least three lines come within WRAP_SLACK of,
 * if almost no line is wider. */
static size_t width_ceiling(const text_line *lines, size_t n)
{
    size_t *w = malloc((n ? n : 1) * sizeof *w), m = 0, ceiling = 0;
    if (!w)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (lines[i].width)
            w[m++] = lines[i].width;
    qsort(w, m, sizeof *w, by_width_desc);
    for (size_t j = 0; j + 2 < m; j++) {
        if (w[j] - w[j + 2] > WRAP_SLACK)
            continue;
        if (w[j] >= 40 && w[j] <= MAX_WRAP && j <= 2 + m / 20)
            ceiling = w[j];
        break;
    }
    free(w);
    return ceiling;
}

/*
 * The column a text dumper wrapped paragraphs at, or 0 when lines are whole
 * paragraphs. Wrapped text shows a dense cluster of line widths just under
 * the wrap column, with almost nothing wider (only unbreakable words), and
 * most of those lines stop mid-sentence; a scrape with a paragraph per line
 * has no such ceiling, or its longest lines end sentences.
 */
static size_t wrap_width(const text_line *lines, size_t n)
{
    size_t wrap = width_ceiling(lines, n), full = 0, open = 0;
    for (size_t i = 0; wrap && i < n; i++) {
        if (lines[i].width + WRAP_SLACK < wrap || lines[i].width > wrap)
            continue;
        full++;
        open += !ends_sentence(lines[i].s, lines[i].len);
    }
    return 2 * open > full ? wrap : 0;
}

static size_t first_word_width(const text_line *l)
{
    const char *s = l->s + l->indent;
    size_t n = l->len - l->indent, k = 0;
    while (k < n && !space_len((const unsigned char *)s + k, n - k))
        k++;
    return display_width(s, k);
}

/* Line b continues line a when a was broken only because b's first word
 * did not fit in the wrap column. */
static int continues(const text_line *a, const text_line *b, size_t wrap)
{
    return wrap && a->width && b->width && !is_bullet_line(b) && a->width + 1 + first_word_width(b) > wrap;
}

static int add_paragraph(lg_page *page, const char *s, size_t len)
{
    size_t skip = leading_space(s, len);
    size_t bullet = bullet_len(s + skip, len - skip);
    lg_block_kind kind = bullet ? LG_BLOCK_LIST_ITEM : LG_BLOCK_TEXT;
    return lg_page_add(page, s + skip + bullet, len - skip - bullet, kind);
}

int lg_page_from_text(const char *text, size_t len, lg_page *page)
{
    memset(page, 0, sizeof *page);
    text_line *lines;
    size_t n = split_lines(text, len, &lines);
    if (n == (size_t)-1)
        return -1;
    size_t wrap = wrap_width(lines, n);
    lg_sb para = LG_SB_INIT;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        lg_sb_add(&para, lines[i].s, lines[i].len);
        if (i + 1 < n && continues(&lines[i], &lines[i + 1], wrap)) {
            lg_sb_addc(&para, ' ');
            continue;
        }
        rc = add_paragraph(page, para.buf, para.len);
        lg_sb_reset(&para);
    }
    lg_sb_release(&para);
    free(lines);
    if (rc != 0)
        lg_page_free(page);
    return rc;
}
