/*
 * analyze_internal.h — pieces the tokenizer and the name keys share, so a
 * name key and a term agree on what an apostrophe or a Latin letter is.
 */
#ifndef LEGATE_ANALYZE_INTERNAL_H
#define LEGATE_ANALYZE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <utf8proc.h>

/* Decodes the codepoint at s[i] into *cp and returns its length. A byte
 * that does not start valid UTF-8 reads as U+FFFD, one byte long: callers
 * then see a separator instead of failing or running past the end. */
static inline size_t lg_utf8_next(const char *s, size_t len, size_t i, int32_t *cp)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s + i;
    if (*p < 0x80) {
        *cp = *p;
        return 1;
    }
    utf8proc_ssize_t n = utf8proc_iterate(p, (utf8proc_ssize_t)(len - i), cp);
    if (n > 0)
        return (size_t)n;
    *cp = 0xFFFD;
    return 1;
}

/* ' ’ ʼ ′ and the fullwidth ＇ (which NFKC makes ' anyway). */
int lg_is_apostrophe(int32_t cp);

/* Whether a case-folded codepoint is a Latin or a Cyrillic letter. */
int lg_is_latin(int32_t cp);
int lg_is_cyrillic(int32_t cp);

/* The plain letter behind a case-folded Latin letter whose diacritic is
 * built in and so survives decomposition (ł -> l, ø -> o, đ -> d);
 * any other codepoint comes back unchanged. */
int32_t lg_latin_unstroke(int32_t cp);

#endif
