/* One JSON Lines record (indexer/jsonl.c), and when it is accepted the
 * article derived from it as `legate index` does for a feed. */
#include "check.h"
#include "derive.h"
#include "fuzz.h"
#include "jsonl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    lg_article a;
    lg_err e;
    if (lg_jsonl_record((const char *)data, size, "/fuzz/feed.jsonl", 7, &a, &e) == 0) {
        fz_require(a.source != NULL && a.text != NULL && a.text_len > 0, "record has text");
        fz_require_utf8(a.source, "source is UTF-8");
        fz_require(lg_derive(&a, NULL, &e) == 0, "a record derives");
        fz_check_article(&a);
    } else {
        fz_require(e.code == LG_EXIT_NONE, "a bad record is an input error");
    }
    lg_article_clear(&a);
    return 0;
}
