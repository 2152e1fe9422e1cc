/* Any bytes as an HTML page (indexer/htmlpage.c, then cleaning and
 * extraction): libxml2 decodes what it can, the rest must fail cleanly. */
#include "check.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size)
        fz_derive_file(data, size, LG_FORMAT_HTML);
    return 0;
}
