#include "context.h"

#include <string.h>

#include "strbuf.h"

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Closing quote marks and brackets that may follow a sentence's final
 * punctuation: " ' ) ] » ” ’ (the last three are multi-byte). */
static size_t closer_len(const char *p, const char *end)
{
    if (p < end && strchr("\"')]", *p))
        return 1;
    static const char *const marks[] = {"\xc2\xbb", "\xe2\x80\x9d", "\xe2\x80\x99"};
    for (size_t i = 0; i < 3; i++) {
        size_t n = strlen(marks[i]);
        if ((size_t)(end - p) >= n && memcmp(p, marks[i], n) == 0)
            return n;
    }
    return 0;
}

/* If a sentence ends at p (its final punctuation), the offset just after
 * it and its closers; else 0. */
static size_t sentence_end(const char *text, size_t len, size_t p)
{
    const char *end = text + len;
    size_t i = p;
    if (text[i] == '.' || text[i] == '!' || text[i] == '?')
        i++;
    else if (len - i >= 3 && memcmp(text + i, "\xe2\x80\xa6", 3) == 0)
        i += 3;
    else
        return 0;
    for (size_t n; (n = closer_len(text + i, end)) > 0;)
        i += n;
    return i == len || is_space(text[i]) ? i : 0;
}

static int paragraph_break(const char *text, size_t len, size_t i)
{
    return text[i] == '\n' && i + 1 < len && (text[i + 1] == '\n' || text[i + 1] == '\r');
}

/* The start of the sentence `n` sentences before the one holding `at`. */
static size_t back(const char *text, size_t len, size_t at, unsigned n)
{
    size_t i = at;
    while (i > 0) {
        if (i >= 2 && paragraph_break(text, len, i - 2))
            return i;
        size_t after = sentence_end(text, len, i - 1);
        if (after && after <= at && i < at && n-- == 0)
            return i;
        i--;
    }
    return 0;
}

/* The end of the sentence `n` sentences after the one holding `at`. */
static size_t forward(const char *text, size_t len, size_t at, unsigned n)
{
    for (size_t i = at; i < len; i++) {
        if (paragraph_break(text, len, i))
            return i;
        size_t after = sentence_end(text, len, i);
        if (after && n-- == 0)
            return after;
        if (after)
            i = after - 1;
    }
    return len;
}

char *lg_context(const char *text, size_t len, size_t start, size_t end, unsigned n)
{
    start = start < len ? start : len;
    end = end < len ? (end > start ? end : start) : len;
    size_t from = back(text, len, start, n);
    size_t to = forward(text, len, end > start ? end - 1 : end, n);
    lg_sb sb = LG_SB_INIT;
    int space = 0;
    for (size_t i = from; i < to; i++) {
        if (is_space(text[i])) {
            space = 1;
            continue;
        }
        if (space && sb.len)
            lg_sb_addc(&sb, ' ');
        space = 0;
        lg_sb_addc(&sb, text[i]);
    }
    return lg_sb_detach(&sb, NULL);
}
