/* A scraped text page through cleaning and extraction (indexer/page.c,
 * clean.c, extract.c, title.c, pubdate.c, outlet.c, speakers.c, derive.c),
 * as `legate index` reads a .txt file: only valid UTF-8 gets this far. */
#include "analyze.h"
#include "check.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size && lg_utf8_invalid_at((const char *)data, size) == (size_t)-1)
        fz_derive_file(data, size, LG_FORMAT_TEXT);
    return 0;
}
