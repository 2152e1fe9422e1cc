/* The quotation extractor (indexer/quotes.c) on clean text, with the
 * speakers the text itself yields plus two known ones for titles and
 * surnames to resolve to. */
#include <string.h>

#include "analyze.h"
#include "check.h"
#include "fuzz.h"
#include "quotes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    if (lg_utf8_invalid_at(text, size) != (size_t)-1)
        return 0;
    lg_speaker_hit known[] = {{(char *)"Sergey Lavrov", 3}, {(char *)"Maria Zakharova", 1}};
    lg_quote *q = NULL;
    size_t n = 0;
    fz_require(lg_extract_quotes(text, size, known, 2, &q, &n) == 0, "quotes extracted");
    fz_check_quotes(size, q, n);
    lg_quotes_free(q, n);
    return 0;
}
