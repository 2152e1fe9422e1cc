/*
 * strbuf.h — a growable byte buffer (after git's strbuf).
 *
 * Invariants: buf is never NULL after lg_sb_init (it points at a static ""
 * until the first growth); buf[len] == '\0' always; the strbuf owns buf
 * until lg_sb_release() frees it or lg_sb_detach() hands it to the caller.
 * Allocation failure aborts the program: text buffers are small and a
 * search tool that runs out of memory for them cannot do anything useful.
 */
#ifndef LEGATE_STRBUF_H
#define LEGATE_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct {
    char *buf;
    size_t len;
    size_t alloc;
} lg_sb;

#define LG_SB_INIT {lg_sb_empty, 0, 0}
extern char lg_sb_empty[];

void lg_sb_init(lg_sb *sb);
void lg_sb_release(lg_sb *sb);
/* Returns the buffer (caller free()s it) and leaves sb empty. */
char *lg_sb_detach(lg_sb *sb, size_t *len);
void lg_sb_grow(lg_sb *sb, size_t extra);
void lg_sb_reset(lg_sb *sb);
void lg_sb_add(lg_sb *sb, const void *data, size_t len);
void lg_sb_adds(lg_sb *sb, const char *s);
void lg_sb_addc(lg_sb *sb, char c);
void lg_sb_addf(lg_sb *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void lg_sb_vaddf(lg_sb *sb, const char *fmt, va_list ap);
/* Formats a message and hands it to fn(ctx, msg), which may not keep msg
 * past the call; fn NULL: nothing. For warning callbacks. */
void lg_sb_vsay(void (*fn)(void *ctx, const char *msg), void *ctx, const char *fmt, va_list ap);

/* Makes room for element `n` of the malloc()ed array `arr` whose capacity
 * is `cap` (both lvalues), doubling it (first 8). Evaluates to 0, or -1 on
 * allocation failure with the array unchanged. (git's ALLOC_GROW.) */
#define LG_GROW(arr, n, cap) \
    ((n) < (cap) ? 0 : lg_grow_((void **)&(arr), &(cap), sizeof *(arr)))
int lg_grow_(void **arr, size_t *cap, size_t elem_size);

#endif
