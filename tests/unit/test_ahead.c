/* The feed reader thread: records in feed order, derived as the run would
 * derive them, bad lines named, the skip hook obeyed, an early stop clean. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ahead.h"
#include "jsonl.h"
#include "derive.h"
#include "strbuf.h"
#include "testutil.h"

typedef struct {
    int prepared;
    int skip_odd; /* skip the records whose id is odd */
} hook_ctx;

static void prepare(void *ctx, lg_article *a)
{
    ((hook_ctx *)ctx)->prepared++;
    lg_article_hash(a);
}

static int skip(void *ctx, const lg_article *a)
{
    const hook_ctx *c = ctx;
    const char *hash = strrchr(a->source, '#');
    return c->skip_odd && hash && atoi(hash + 1) % 2 == 1;
}

/* n records "#0".."#n-1" that quote a speaker, blank lines between some. */
static char *feed(int n, const char *bad_line_at_3)
{
    lg_sb sb = LG_SB_INIT;
    for (int i = 0; i < n; i++) {
        if (i == 3 && bad_line_at_3)
            lg_sb_addf(&sb, "%s\n", bad_line_at_3);
        lg_sb_addf(&sb,
                   "{\"id\":%d,\"lang\":\"en\",\"text\":\"Foreign Minister Sergey Lavrov said: "
                   "\\\"Talks number %d went well for everyone involved.\\\"\"}\n%s",
                   i, i, i % 5 == 0 ? "\n  \n" : "");
    }
    return lg_sb_detach(&sb, NULL);
}

/* The reader over buf, read as a file. Its file and hooks must outlive
 * it: static, one reader at a time, ended by stop(). */
static FILE *file;

static lg_ahead *start(const char *buf, size_t len, hook_ctx *c, int with_skip)
{
    static lg_ahead_hooks hooks;
    hooks = (lg_ahead_hooks){prepare, with_skip ? skip : NULL, c};
    file = fmemopen((void *)buf, len, "r");
    ck_assert_ptr_nonnull(file);
    lg_ahead *h;
    lg_err e;
    ck_assert_int_eq(lg_ahead_start(&h, "/f/feed.jsonl", file, &hooks, &e), 0);
    return h;
}

static void stop(lg_ahead *h)
{
    lg_ahead_stop(h);
    fclose(file);
}

/* What lg_derive gives on the main thread, for comparison. */
static void derive_here(const lg_article *got)
{
    lg_article want = {0};
    want.source = strdup(got->source);
    want.text = strndup(got->text, got->text_len);
    want.text_len = got->text_len;
    lg_err e;
    ck_assert_int_eq(lg_derive(&want, NULL, &e), 0);
    ck_assert_uint_eq(got->n_speakers, want.n_speakers);
    ck_assert_uint_eq(got->n_quotes, want.n_quotes);
    ck_assert_uint_ge(got->n_quotes, 1);
    ck_assert_int_eq(memcmp(&got->minhash, &want.minhash, sizeof want.minhash), 0);
    lg_article_clear(&want);
}

START_TEST(in_order_and_derived)
{
    enum { N = 300 }; /* several times LG_AHEAD_DEPTH: the thread waits for room */
    char *buf = feed(N, "{\"id\":\"broken\", \"text\": 7}");
    hook_ctx c = {0, 0};
    lg_ahead *h = start(buf, strlen(buf), &c, 1);
    lg_ahead_item it;
    int records = 0, bad = 0;
    while (lg_ahead_next(h, &it)) {
        if (it.kind == LG_AHEAD_BAD_LINE) {
            bad++;
            ck_assert_msg(strstr(it.err.msg, "/f/feed.jsonl:") != NULL, "%s", it.err.msg);
            ck_assert_ptr_null(it.a.text);
        } else {
            ck_assert_int_eq(it.kind, LG_AHEAD_RECORD);
            char want[64];
            snprintf(want, sizeof want, "/f/feed.jsonl#%d", records);
            ck_assert_str_eq(it.a.source, want);
            ck_assert_int_eq(it.derived, 1);
            ck_assert_uint_eq(strlen(it.a.sha256), 64);
            derive_here(&it.a);
            records++;
        }
        lg_article_clear(&it.a);
    }
    ck_assert_int_eq(records, N);
    ck_assert_int_eq(bad, 1);
    ck_assert_int_eq(c.prepared, N);
    ck_assert_int_eq(lg_ahead_next(h, &it), 0); /* done stays done */
    stop(h);
    free(buf);
}
END_TEST

START_TEST(skipped_records_are_not_derived)
{
    char *buf = feed(20, NULL);
    hook_ctx c = {0, 1};
    lg_ahead *h = start(buf, strlen(buf), &c, 1);
    lg_ahead_item it;
    for (int i = 0; lg_ahead_next(h, &it); i++) {
        ck_assert_int_eq(it.derived, i % 2 == 0);
        if (i % 2)
            ck_assert_uint_eq(it.a.n_quotes, 0);
        else
            ck_assert_uint_ge(it.a.n_quotes, 1);
        lg_article_clear(&it.a);
    }
    stop(h);
    free(buf);
}
END_TEST

/* The run fails after one record: the thread, blocked on a full queue,
 * stops and every waiting record is freed (ASan's leak check sees it). */
START_TEST(early_stop)
{
    char *buf = feed(500, NULL);
    hook_ctx c = {0, 0};
    lg_ahead *h = start(buf, strlen(buf), &c, 0);
    lg_ahead_item it;
    ck_assert_int_eq(lg_ahead_next(h, &it), 1);
    lg_article_clear(&it.a);
    stop(h);
    ck_assert_int_lt(c.prepared, 500);
    free(buf);
}
END_TEST

START_TEST(empty_feed)
{
    hook_ctx c = {0, 0};
    lg_ahead *h = start("\n \n", 3, &c, 0);
    lg_ahead_item it;
    ck_assert_int_eq(lg_ahead_next(h, &it), 0);
    stop(h);
    ck_assert_int_eq(c.prepared, 0);
}
END_TEST

/* A record past LG_MAX_RECORD_BYTES (read across many chunks) is named
 * and skipped; the reader goes on after it, and a last line without a
 * newline is read. */
START_TEST(long_line_and_last_line)
{
    lg_sb sb = LG_SB_INIT;
    lg_sb_adds(&sb, "{\"id\":0,\"text\":\"");
    for (size_t i = 0; i <= LG_MAX_RECORD_BYTES / 8; i++)
        lg_sb_adds(&sb, "abcdefgh");
    lg_sb_adds(&sb, "\"}\n{\"id\":1,\"text\":\"short\"}");
    hook_ctx c = {0, 0};
    lg_ahead *h = start(sb.buf, sb.len, &c, 0);
    lg_ahead_item it;
    ck_assert_int_eq(lg_ahead_next(h, &it), 1);
    ck_assert_int_eq(it.kind, LG_AHEAD_BAD_LINE);
    ck_assert_msg(strstr(it.err.msg, "/f/feed.jsonl:1: line longer than") != NULL, "%s", it.err.msg);
    ck_assert_int_eq(lg_ahead_next(h, &it), 1);
    ck_assert_int_eq(it.kind, LG_AHEAD_RECORD);
    ck_assert_str_eq(it.a.text, "short");
    lg_article_clear(&it.a);
    ck_assert_int_eq(lg_ahead_next(h, &it), 0);
    stop(h);
    lg_sb_release(&sb);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("ahead");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, in_order_and_derived);
    tcase_add_test(tc, skipped_records_are_not_derived);
    tcase_add_test(tc, early_stop);
    tcase_add_test(tc, empty_feed);
    tcase_add_test(tc, long_line_and_last_line);
    suite_add_tcase(s, tc);
    return lg_test_run(s);
}
