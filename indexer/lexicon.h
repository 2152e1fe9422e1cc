/*
 * lexicon.h — the words and the clause-reading helpers that the speaker
 * extractor (speakers.c) and the quotation extractor (quotes.c) share
 * (defined in lexicon.c), so that the two agree on who said something.
 *
 * A text is read as an lg_reading: its tokens (extract_internal.h) and a
 * role per token, LG_OUT for the reporter's own words; the other values
 * are each reader's own (inside or on a quotation mark).
 *
 * The word lists are lower case and NULL-terminated; a word matches
 * without its possessive ("Lavrov’s" is "lavrov"). Both readers use all
 * of them:
 *   lg_auxiliaries      between a subject and its verb: "Lavrov has also said"
 *   lg_subject_pronouns "he said": the clause's subject, else an antecedent
 *   lg_object_pronouns  "according to him": the antecedent
 *   lg_relatives        "Keith Kellogg, who had called": the name before the comma
 *   lg_conjunctions     "dismissed the remarks and said": the clause's subject
 *   lg_prepositions     before a name that is no subject: "after meeting with Putin"
 *   lg_determiners      before a definite title: "the minister", "his deputy"
 *   lg_source_phrases   before the speaker's name: "according to", "по словам"
 * Speech verbs (lg_speech_verb) are one list too, whose flags mark the
 * few that one reader skips; titles (lg_title_at) map a head noun to the
 * office it names.
 */
#ifndef LEGATE_LEXICON_H
#define LEGATE_LEXICON_H

#include "extract_internal.h"

#include <stddef.h>
#include <stdint.h>

#define LG_NO_TOKEN ((size_t)-1)

enum {
    LG_OUT = 0,        /* the role of the reporter's own words */
    LG_KEY_CAP = 128,  /* room for a person's lg_name_key */
    LG_MAX_PAREN = 14  /* tokens in ", asked about the remarks during a stop in Warsaw," */
};

/* Each token of a reading lower-cased without its possessive (as
 * lg_span_fold), so that a word is folded once, not once per list it is
 * looked up in: an empty string for punctuation and for a word too long
 * to fold (which is in no list). */
typedef struct {
    char *text;      /* the folded words, each NUL-terminated */
    size_t *at;      /* per token: the offset of its word in text */
    uint32_t *hash;  /* per token: lg_word_hash of its word */
    size_t len, cap; /* bytes used and allocated in text */
    size_t n_at;     /* tokens allocated in at */
} lg_folds;

typedef struct {
    const char *s;       /* the text */
    lg_etoks ts;         /* its tokens */
    unsigned char *role; /* one per token, LG_OUT for the reporter's words */
    lg_folds folds;      /* ts folded: lg_reading_fold after each scan */
} lg_reading;

/* Folds r->ts into r->folds; to be called after every lg_etoks_scan of
 * r->ts, before any lookup. 0, or -1 when out of memory. */
int lg_reading_fold(lg_reading *r);
/* Frees r->folds (the reader frees ts and role). */
void lg_reading_free_folds(lg_reading *r);

extern const char *const lg_auxiliaries[];
extern const char *const lg_subject_pronouns[];
extern const char *const lg_object_pronouns[];
extern const char *const lg_relatives[];
extern const char *const lg_conjunctions[];
extern const char *const lg_prepositions[];
extern const char *const lg_determiners[];
extern const char *const lg_source_phrases[];

/* Whether token i exists and is the reporter's. */
int lg_out(const lg_reading *r, size_t i);
/* Whether token i is a word of the list, without its possessive. The
 * list is static (wordset.h). */
int lg_word_in(const lg_reading *r, size_t i, const char *const *list);
/* Number of tokens from i that spell `phrase` (lg_phrase_at), or 0. */
size_t lg_reading_phrase_at(const lg_reading *r, size_t i, const char *phrase);
/* The same for the first of the phrases that matches, or 0. */
size_t lg_phrase_in(const lg_reading *r, size_t i, const char *const *phrases);
/* Whether token i starts with a Cyrillic letter. */
int lg_cyrillic_word(const lg_reading *r, size_t i);
/* A capitalised word that is no acronym, number, domain or glued
 * breadcrumb ("NATO", "5G", "Caliber.az", "HomeWorld"): a name's shape. */
int lg_capitalised(const lg_etok *t);

static inline int lg_is_terminal(int32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
}

/* Whether the '.' right after token i ends an abbreviation, not a
 * sentence: an initial, a dotted word ("U.S"), "Mr". */
int lg_abbreviation(const lg_reading *r, size_t i);

/* Speech verbs a reader skips. */
enum {
    /* A plural noun too ("member states", "notes"): quotes.c takes a
     * lone verb after a quotation for a tag and would misread them. */
    LG_SV_NOUN = 1 << 0,
    /* Frames a quotation but is no statement of its own: a stance
     * ("admitted", "dismissed") mostly joined to the "said" that reports
     * the words, a question ("asked"), the infinitive ("say").
     * speakers.c counts statements and skips them. */
    LG_SV_FRAMES = 1 << 1
};

/* Whether token i is a speech verb without any of the flags in skip. */
int lg_speech_verb(const lg_reading *r, size_t i, unsigned skip);

/* A title's head noun and the office it names. */
typedef struct {
    const char *word;      /* lower case */
    const char *office;    /* "minister" */
    const char *qualifier; /* what the word implies: "foreign" for "diplomat", "prime" for "premier", else "" */
    int oblique;           /* a Russian genitive ("министра"): the name after it is declined too */
} lg_title;

/* The title whose head noun token i is, or NULL; "President-elect" and
 * "Vice-President" are heads by a part. */
const lg_title *lg_title_at(const lg_reading *r, size_t i);
/* "foreign" or "prime" when token i qualifies a title ("Foreign
 * Minister", "министр иностранных дел", "глава МИД"), else "". */
const char *lg_qualifier_at(const lg_reading *r, size_t i);
/* The office a qualified head names: "глава МИД" is the foreign minister. */
const char *lg_qualified_office(const char *office, const char *qualifier);

/* The index before the auxiliaries and adverbs that end [a, j): the
 * subject of a verb at j ends there ("Lavrov has also firmly said",
 * "Brauer on Monday said"). */
size_t lg_skip_auxiliaries(const lg_reading *r, size_t a, size_t j);
/* The comma opening the aside ", in a recent interview," that closes at
 * the comma j, or LG_NO_TOKEN. */
size_t lg_opening_comma(const lg_reading *r, size_t a, size_t j);
/* Whether the speaker may follow the verb at v of the clause from a:
 * English puts the name there only after a quotation or a comma ("…,"
 * said Lavrov), Russian anywhere ("заявил Лавров"). */
int lg_may_invert(const lg_reading *r, size_t a, size_t v);

/* Whether a Russian surname's name key is declined from its nominative:
 * Воронцова, Воронцову, Воронцовым (vorontsov + a, u, im); Лисовского
 * (lisovsk-i + ogo); Захаровой (zakharov-a + oi). */
int lg_declined(const char *form, const char *nominative);

#endif
