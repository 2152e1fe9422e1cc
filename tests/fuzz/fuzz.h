/*
 * fuzz.h — the one entry point every harness under tests/fuzz/ defines.
 *
 * Built with clang and -Dfuzz=true, libFuzzer supplies main() and calls it
 * with generated inputs. Built otherwise (gcc, the default suite), replay.c
 * supplies main() and calls it once per file of the seed corpus, so every
 * seed and every past finding runs under the suite's sanitizers.
 * The harness owns nothing of `data`; it must free all it allocates.
 */
#ifndef LEGATE_FUZZ_H
#define LEGATE_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
