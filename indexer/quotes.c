#include "quotes.h"
#include "lexicon.h"

#include "analyze.h"
#include "analyze_internal.h"
#include "strbuf.h"

#include <stdlib.h>
#include <string.h>

/*
 * Quotations. The clean text is read as the extractor's tokens
 * (extract_internal.h), with the words speakers.c reads too (lexicon.h),
 * in three passes.
 *
 * 1. Marks (find_quotes). A mark opens, closes or is nothing, by its kind
 *    and what touches it: a straight " opens after a space or an opening
 *    bracket and closes before a space or punctuation; „ « ‚ only open;
 *    » ” ’ close (or open when misused at a word's start); “ ‘ open, or
 *    close what „ ‚ opened. Apostrophes inside words (Russia’s) are part
 *    of the word for the scanner and never reach here. A stack pairs marks
 *    of one family (double, guillemet, single), so a quotation nested in
 *    another stays part of it. A closing mark glued to the next word
 *    (`possibility »of reaching`) is a stray unless an attribution follows
 *    (`»said Wang`). A quotation open at its paragraph's end goes on when
 *    the next paragraph opens with a mark of its family (a quotation over
 *    several paragraphs); else it ends there, or before an attribution it
 *    swallowed (`…an agreement, he has qualified`). Single quotes left open
 *    were apostrophes after all and are no quotation.
 * 2. Sentences (mark_sentences): the reporter's sentences, each quotation
 *    one opaque unit in them.
 * 3. Attribution (attribute_all): first the titles ("Foreign Minister
 *    Sergey Lavrov"), then sentence by sentence in reading order, so that
 *    `he` is the last sentence's subject and `the minister` the last
 *    person named with that title (or, in a headline, the first below).
 *    For each quotation, the first of:
 *      a tag right after it: `," Lavrov said`, `», — заявил Лавров`,
 *        `"…": Wang Liqun`                                   0.95 (0.75)
 *      a speech verb before it in its sentence: an introduction
 *        (`Lavrov said:`, `stating,`, `According to Wang,`)  0.9 (0.7),
 *        else `Lavrov said the talks were "useful"`, `Kellogg, who called
 *        them a "failed attempt"`                            0.85 (0.65)
 *      a speech verb after it in its sentence
 *        (`The US "organised the coup" in 2014, he added`)   0.85 (0.65)
 *    and, for a quotation opening its sentence:
 *      whoever spoke last in the paragraph                    0.6
 *      when it fills its paragraph, whoever spoke last in the one before
 *                                                             0.5
 *      the one person named in the paragraph (or, when it fills it, in
 *        the one before) with no speech verb                  0.3
 *    and for any other: the sentence's subject, no speech verb
 *      (`Lavrov pointed to the "common sense"`)               0.4 (0.3)
 *    In brackets: through a pronoun or a title. A speech verb whose
 *    subject is no person (`the ministry said`) ends the search: NULL. So
 *    does `so-called`. `X told them, according to Y, that "…"` is X's.
 *
 * People are the article's speakers, and names a title introduces
 * ("State Secretary Ingrid Moe"): a capitalised word names one when it is
 * their surname, their leading family name ("Wang" for "Wang Liqun"), or,
 * after `по словам`, one of those declined ("Лаврова", "Вана"). The
 * speaker extractor already judged who is a person; without speakers only
 * titled names are attributed.
 *
 * Partial: a quotation is a statement of its own when nothing of the
 * reporter's sentence comes before it but an introduction and nothing
 * after it but the sentence's end or a tag, and, unless an introduction
 * or a tag frames it, it has SHORT_WORDS words or more. Anything else is a
 * fragment of the reporter's sentence: `a "balance of interests" with
 * Kyiv`, `the aim was "a document with dates in it."`, a lone `"Never."`.
 *
 * A few capitalised words in marks inside the reporter's sentence are a
 * name, not a quotation (`в интервью телеканалу «Евразия-24»`). The same
 * words quoted twice (a headline and the body) are one quotation: the
 * better attributed one, the first on a tie.
 */

#define NONE ((size_t)-1)
#define MANY ((size_t)-2)

enum {
    KEY_CAP = LG_KEY_CAP,
    MAX_DEPTH = 16,   /* nesting deeper than this is noise */
    TAG_WORDS = 8,    /* "the Russian Foreign Minister Sergey Lavrov said" */
    TITLE_REACH = 3,  /* words before a title's head: "Russia's top diplomat" */
    HOLDER_REACH = 5, /* "US Secretary of State Margaret Ellison" */
    INTRO_WORDS = 5,  /* "Lavrov told reporters on Monday," */
    SHORT_WORDS = 6,
    NAME_WORDS = 3,   /* «Вестнику Евразии» */
    MAX_SENTENCE = 150,
    MAX_ASIDES = 2    /* "the minister, however, in a statement, said" */
};

/* What a token is to the quotations. */
enum { R_OUT = LG_OUT, R_OPEN, R_IN, R_CLOSE, R_SKIP /* a continuation or stray mark */ };
enum { F_PARA = 1, F_SENT = 2 };
enum { FAM_NONE, FAM_DOUBLE, FAM_GUIL, FAM_SINGLE };
/* How a person was found: by name, or through a pronoun or a title. */
enum { BY_NONE, BY_NAME, BY_REF };
/* What comes before a quotation in its sentence. */
enum { L_START, L_INTRO, L_TEXT };

/* Where the speaker was found, and the confidence it gives: by name,
 * through a pronoun or title. */
enum { P_TAG, P_INTRO, P_SENTENCE, P_PARAGRAPH, P_PREVIOUS, P_SUBJECT, P_MENTION };
static const double confidence[][2] = {
    [P_TAG] = {0.95, 0.75}, [P_INTRO] = {0.9, 0.7}, [P_SENTENCE] = {0.85, 0.65},
    [P_PARAGRAPH] = {0.6, 0.6}, [P_PREVIOUS] = {0.5, 0.5}, [P_SUBJECT] = {0.4, 0.3},
    [P_MENTION] = {0.3, 0.3},
};

/* ---- word lists (lower case; those speakers.c reads too are in lexicon.h) ---- */

/* Verbs that give a fragment as someone's words: `called it a "failed
 * attempt"`. They attribute but never introduce a statement. */
static const char *const naming_verbs[] = {
    "called", "described", "describes", "termed", "dubbed", "labelled", "labeled",
    "branded", "назвал", "назвала", "называет", NULL,
};

/* Participles whose subject is their clause's: `He disagreed, stating, "No…"`. */
static const char *const participles[] = {
    "saying", "stating", "adding", "noting", "warning", "stressing", "insisting", "arguing",
    "declaring", "writing", "telling", "urging", "explaining", "emphasizing", "emphasising",
    "recalling", "revealing", "accusing", "dismissing", "calling", "describing", "terming",
    "dubbing", "заявив", "отметив", "подчеркнув", "добавив", "сказав", "назвав", NULL,
};

/* Phrases whose pronoun is the clause's subject. */
static const char *const pronoun_phrases[] = {
    "in his words", "in her words", "as he put it", "as she put it", "по его словам",
    "по её словам", "по ее словам", "по его мнению", NULL,
};

/* Before the subject of a clause inside the sentence's: "Asked whether
 * Sweden would …, she said". */
static const char *const subordinators[] = {"whether", "if", "that", "ли", "что", NULL};
/* Before a term, not someone's words: the so-called "security alliance". */
static const char *const term_markers[] = {"so-called", "так называемый", "так называемая",
    "так называемое", "так называемые", "так называемого", "так называемой", "так называемую", NULL};
static const char *const indefinites[] = {"a", "an", "one", "another", NULL};

/* ---- state ---- */

typedef struct {
    size_t open;   /* the opening mark's token */
    size_t close;  /* the closing mark's token, NONE when it never closed */
    size_t last;   /* one past the last token of the words */
    size_t from;   /* where an unclosed quotation's end is looked for */
    size_t who;    /* person index, or NONE */
    double conf;
    int partial;
    int is_name;   /* «Евразия-24»: no quotation */
} quote;

/* A person: a speaker, or a name the article gives with a title. */
typedef struct {
    const char *name; /* as written, not NUL-terminated */
    size_t len;
    char key[KEY_CAP];   /* lg_name_key */
    char first[KEY_CAP]; /* its first word, "" for a single word */
    size_t surname;      /* offset of its last word */
} person;

/* A person named with a title, at token `at`. */
typedef struct {
    const char *office, *qualifier;
    size_t who, at;
} holder;

typedef struct {
    int by;
    size_t who;
} who_t;

/* A speech event: a verb or a phrase (`according to`) at token `at`,
 * and whom it names. */
typedef struct {
    int verb;
    who_t who;
    size_t at;
    int phrase;
} event;

typedef struct {
    lg_reading r;         /* the text, an R_* role per token */
    unsigned char *flags; /* F_* per token */
    quote *q;
    size_t nq, cq;
    person *ps;
    size_t nps, cps;
    holder *hs;
    size_t nhs, chs;
    size_t last_subject, last_speaker;
    size_t para_who, prev_para_who;     /* who spoke last in this / the last paragraph */
    size_t para_named, prev_para_named; /* the one person named there, NONE, or MANY */
    int failed;
} qx;

static const who_t nobody = {BY_NONE, NONE};
static const event no_event = {0, {BY_NONE, NONE}, NONE, 0};

/* ---- tokens ---- */

static const lg_etok *tok(const qx *x, size_t i)
{
    return &x->r.ts.v[i];
}

static int32_t punct(const qx *x, size_t i)
{
    return i < x->r.ts.n ? tok(x, i)->punct : 0;
}

static int out(const qx *x, size_t i)
{
    return lg_out(&x->r, i);
}

static int in(const qx *x, size_t i, const char *const *list)
{
    return lg_word_in(&x->r, i, list);
}

static int lower_word(const qx *x, size_t i)
{
    return lg_etok_word(tok(x, i)) && (tok(x, i)->flags & LG_W_LETTER) && !(tok(x, i)->flags & LG_W_CAP);
}

static int is_cyrillic(const qx *x, size_t i)
{
    return lg_cyrillic_word(&x->r, i);
}

static int ends_with(const qx *x, size_t i, const char *suffix)
{
    const lg_etok *t = tok(x, i);
    size_t n = strlen(suffix);
    return t->end - t->start > n + 2 && !memcmp(x->r.s + t->end - n, suffix, n);
}

static int is_dash(int32_t cp)
{
    return cp == 0x2014 || cp == 0x2013 || cp == '-';
}

/* Whether no space separates token i from the one before / after it. */
static int glued_before(const qx *x, size_t i)
{
    return i > 0 && tok(x, i - 1)->end == tok(x, i)->start;
}

static int glued_after(const qx *x, size_t i)
{
    return i + 1 < x->r.ts.n && tok(x, i)->end == tok(x, i + 1)->start;
}

/* ---- marks ---- */

static int family(int32_t cp)
{
    switch (cp) {
    case '"': case 0x201C: case 0x201D: case 0x201E: case 0x201F:
        return FAM_DOUBLE;
    case 0xAB: case 0xBB:
        return FAM_GUIL;
    case '\'': case 0x2018: case 0x2019: case 0x201A: case 0x201B:
        return FAM_SINGLE;
    default:
        return FAM_NONE;
    }
}

/* Punctuation after which a mark still opens: `(“`, `—«`, `said:"`. */
static int opens_after(int32_t cp)
{
    return cp == '(' || cp == '[' || cp == '{' || cp == '/' || cp == ':' || is_dash(cp) || cp == 0xAB
        || cp == 0x201E || cp == 0x201A || cp == 0x201C || cp == 0x2018;
}

static int can_open(const qx *x, size_t i)
{
    return glued_after(x, i) && (!glued_before(x, i) || opens_after(punct(x, i - 1)));
}

static int can_close(const qx *x, size_t i)
{
    return glued_before(x, i) && (!glued_after(x, i) || !lg_etok_word(tok(x, i + 1)));
}

typedef struct {
    size_t tok[MAX_DEPTH];
    int fam[MAX_DEPTH];
    size_t n;
} mstack;

/* Depth of the innermost open mark of family fam, or NONE. */
static size_t open_depth(const mstack *st, int fam)
{
    for (size_t d = st->n; d-- > 0;)
        if (st->fam[d] == fam)
            return d;
    return NONE;
}

/* +1 when token i opens a quotation, -1 when it closes one, else 0. */
static int mark_step(const qx *x, size_t i, const mstack *st)
{
    int32_t cp = punct(x, i);
    int fam = family(cp);
    if (!fam)
        return 0;
    int open = open_depth(st, fam) != NONE;
    switch (cp) {
    case 0xAB: case 0x201E: case 0x201A: /* « „ ‚ */
        return can_open(x, i);
    case 0xBB: case 0x201D: case 0x2019: /* » ” ’ */
        return open ? -1 : can_open(x, i) && !can_close(x, i);
    case 0x201C: case 0x2018: { /* “ ‘: close „…“ ‚…‘, and “…“ typed by mistake */
        int low9 = st->n && punct(x, st->tok[st->n - 1]) == (cp == 0x201C ? 0x201E : 0x201A);
        if (low9 || (open && can_close(x, i) && !can_open(x, i)))
            return -1;
        return can_open(x, i);
    }
    default: /* " ' */
        if (open && !can_open(x, i))
            return -1;
        return can_open(x, i);
    }
}

/* ---- people ---- */

/* Whether person k has a longer name than person best (or best is NONE):
 * a surname stands for the longest name that has it. */
static int longer(const qx *x, size_t k, size_t best)
{
    return best == NONE || x->ps[k].len > x->ps[best].len;
}

/* The person a capitalised word names: a surname (declined too when
 * `oblique`), else a leading family name ("Wang" for "Wang Liqun", "Вана"). */
static size_t speaker_of_word(const qx *x, size_t i, int oblique)
{
    char key[KEY_CAP];
    const lg_etok *t = tok(x, i);
    if (lg_name_key(x->r.s + t->start, lg_etok_bare_end(x->r.s, t) - t->start, key, sizeof key) <= 0)
        return NONE;
    oblique = oblique && is_cyrillic(x, i);
    size_t best = NONE;
    for (size_t k = 0; k < x->nps; k++) {
        const char *surname = x->ps[k].key + x->ps[k].surname;
        if ((!strcmp(key, surname) || (oblique && lg_declined(key, surname))) && longer(x, k, best))
            best = k;
    }
    for (size_t k = 0; k < x->nps && best == NONE; k++) {
        const char *first = x->ps[k].first;
        if (*first && (!strcmp(key, first) || (oblique && lg_declined(key, first))))
            best = k;
    }
    return best;
}

/* Adds a person named s[0, len); their index, or NONE when the name has
 * no key or memory runs out. */
static size_t add_person(qx *x, const char *s, size_t len)
{
    if (LG_GROW(x->ps, x->nps, x->cps) < 0) {
        x->failed = 1;
        return NONE;
    }
    person *p = &x->ps[x->nps];
    if (lg_name_key(s, len, p->key, sizeof p->key) <= 0)
        return NONE;
    const char *sp = strrchr(p->key, ' ');
    size_t first = strcspn(p->key, " ");
    p->name = s;
    p->len = len;
    p->surname = sp ? (size_t)(sp + 1 - p->key) : 0;
    memcpy(p->first, p->key, sp ? first : 0);
    p->first[sp ? first : 0] = '\0';
    return x->nps++;
}

static int is_head(const qx *x, size_t i)
{
    return lg_title_at(&x->r, i) != NULL;
}

/* A capitalised word that may be part of a person's name. */
static int is_name_word(const qx *x, size_t i)
{
    const lg_etok *t = tok(x, i);
    return out(x, i) && lg_capitalised(t) && !is_head(x, i);
}

/* The speaker a run of name words [r, e) names, by any of its words from
 * the last: "President Vladimir Putin". */
static size_t speaker_of_run(const qx *x, size_t r, size_t e, int oblique)
{
    for (size_t w = e; w-- > r;) {
        size_t k = speaker_of_word(x, w, oblique);
        if (k != NONE)
            return k;
    }
    return NONE;
}

static size_t run_start(const qx *x, size_t a, size_t t)
{
    size_t r = t;
    while (r > a && is_name_word(x, r - 1) && !(tok(x, r - 1)->flags & LG_W_POSS))
        r--;
    return r;
}

static size_t run_end(const qx *x, size_t r, size_t b)
{
    size_t e = r;
    while (e < b && is_name_word(x, e)) {
        e++;
        if (tok(x, e - 1)->flags & LG_W_POSS)
            break;
    }
    return e;
}

static int is_verb(const qx *x, size_t i, int loose)
{
    if (!out(x, i) || !lower_word(x, i))
        return 0;
    if (lg_speech_verb(&x->r, i, LG_SV_NOUN) || in(x, i, naming_verbs))
        return 1;
    /* Right after a quotation any past tense is a tag: "he has qualified",
     * "— резюмировал Лавров". */
    return loose && (is_cyrillic(x, i) ? ends_with(x, i, "л") || ends_with(x, i, "ла") : ends_with(x, i, "ed"));
}

/* ---- titles ---- */

/* The office of the title whose head is token h, with a qualifier from
 * the words around it: "Foreign Minister", "министр иностранных дел". */
static const char *office_at(const qx *x, size_t h, const char **qualifier)
{
    const lg_title *head = lg_title_at(&x->r, h);
    *qualifier = head->qualifier;
    size_t from = h >= 2 ? h - 2 : 0, to = h + 3 < x->r.ts.n ? h + 3 : x->r.ts.n;
    for (size_t i = from; !**qualifier && i < to; i++)
        *qualifier = lg_qualifier_at(&x->r, i);
    return lg_qualified_office(head->office, *qualifier);
}

/* The last speaker when they have a title: "дипломат" for a spokeswoman,
 * "the head of Mexican diplomacy" for the foreign minister. */
static size_t titled_speaker(const qx *x)
{
    for (size_t i = 0; i < x->nhs; i++)
        if (x->hs[i].who == x->last_speaker)
            return x->last_speaker;
    return NONE;
}

/* Who holds an office at token pos: of those named with it before, the
 * last speaker if one of them, else the last named; else the last speaker
 * if titled ("the diplomat" for a spokeswoman); else the first named after
 * (a headline's "foreign minister"). */
static size_t holder_of(const qx *x, const char *office, const char *qualifier, size_t pos)
{
    size_t before = NONE, after = NONE;
    for (size_t i = 0; i < x->nhs; i++) {
        const holder *h = &x->hs[i];
        if (strcmp(h->office, office) || (*qualifier && strcmp(h->qualifier, qualifier)))
            continue;
        if (h->at > pos && after == NONE)
            after = h->who;
        else if (h->at < pos && before != x->last_speaker)
            before = h->who;
    }
    if (before == NONE)
        before = titled_speaker(x);
    return before != NONE ? before : after;
}

/* The last person named with a title before pos. */
static size_t last_holder(const qx *x, size_t pos)
{
    size_t who = NONE;
    for (size_t i = 0; i < x->nhs && x->hs[i].at < pos; i++)
        who = x->hs[i].who;
    return who;
}

/* Whether the title whose head is h is definite: "the foreign minister",
 * "Russia's top diplomat"; Russian has no articles. */
static int definite(const qx *x, size_t a, size_t h)
{
    if (is_cyrillic(x, h))
        return 1;
    for (size_t i = h; i > a && h - i < TITLE_REACH && lg_etok_word(tok(x, i - 1)); i--) {
        if (in(x, i - 1, indefinites))
            return 0;
        if (in(x, i - 1, lg_determiners) || (tok(x, i - 1)->flags & LG_W_POSS))
            return 1;
    }
    return 0;
}

static who_t title_ref(const qx *x, size_t a, size_t h)
{
    const char *qualifier;
    const char *office = office_at(x, h, &qualifier);
    if (!definite(x, a, h))
        return nobody;
    return (who_t){BY_REF, holder_of(x, office, qualifier, h)};
}

static void add_holder(qx *x, const char *office, const char *qualifier, size_t who, size_t at)
{
    if (LG_GROW(x->hs, x->nhs, x->chs) < 0) {
        x->failed = 1;
        return;
    }
    x->hs[x->nhs++] = (holder){office, qualifier, who, at};
}

/* The head of the title before the name run starting at r, or NONE:
 * right before it ("Foreign Minister Sergey Lavrov", "The Russian
 * Foreign Minister, Sergei Lavrov,", "представитель ЕС Катрин
 * Ванхутте": *next_to set), or a few words before ("US Secretary of
 * State Margaret Ellison"). */
static size_t title_before(const qx *x, size_t a, size_t r, int *next_to)
{
    size_t h = r;
    *next_to = 1;
    if (h > a + 1 && punct(x, h - 1) == ',' && is_head(x, h - 2))
        return h - 2;
    while (h > a && out(x, h - 1) && lg_etok_word(tok(x, h - 1)) && (tok(x, h - 1)->flags & LG_W_UPPER))
        h--;
    if (h > a && is_head(x, h - 1))
        return h - 1;
    *next_to = 0;
    while (h > a && r - h < HOLDER_REACH && out(x, h - 1) && lg_etok_word(tok(x, h - 1)) && !is_head(x, h - 1)
           && !is_verb(x, h - 1, 0))
        h--;
    return h > a && is_head(x, h - 1) ? h - 1 : NONE;
}

/* Records who holds the title before the name run [r, e). A name the
 * speakers lack becomes a person when a title in the nominative stands
 * right before its last two words: a title makes it a person's. */
static void register_title(qx *x, size_t a, size_t r, size_t e)
{
    int next_to;
    size_t h = title_before(x, a, r, &next_to);
    if (h == NONE)
        return;
    size_t who = speaker_of_run(x, r, e, 1);
    const char *qualifier;
    const char *office = office_at(x, h, &qualifier);
    if (who == NONE && next_to && e - r >= 2 && !(tok(x, e - 1)->flags & LG_W_POSS) && !lg_title_at(&x->r, h)->oblique)
        who = add_person(x, x->r.s + tok(x, e - 2)->start, tok(x, e - 1)->end - tok(x, e - 2)->start);
    if (who != NONE)
        add_holder(x, office, qualifier, who, r);
}

/* ---- references to people ---- */

/* Whom "he" at pos stands for when its clause names no one: the last
 * sentence's subject, else the last speaker, else the last person named
 * with a title. */
static size_t antecedent(const qx *x, size_t pos)
{
    if (x->last_subject != NONE)
        return x->last_subject;
    return x->last_speaker != NONE ? x->last_speaker : last_holder(x, pos);
}

static who_t first_subject(const qx *x, size_t a, size_t limit);

/* "he" at t: the clause's subject before it, else the antecedent. */
static who_t pronoun_ref(const qx *x, size_t a, size_t t)
{
    who_t w = first_subject(x, a, t);
    return (who_t){BY_REF, w.who != NONE ? w.who : antecedent(x, t)};
}

/* The first person in subject position in [a, limit): not after a
 * preposition or an article, not possessive ("Trump's efforts"). Only
 * people count; a pronoun is its antecedent. */
static who_t first_subject(const qx *x, size_t a, size_t limit)
{
    for (size_t r = a; r < limit; r++) {
        if (!out(x, r))
            continue;
        if (in(x, r, lg_subject_pronouns))
            return (who_t){BY_REF, antecedent(x, r)};
        if (is_head(x, r) && !(r + 1 < limit && is_name_word(x, r + 1))) {
            who_t w = title_ref(x, a, r);
            if (w.who != NONE)
                return w;
            continue;
        }
        if (!is_name_word(x, r))
            continue;
        size_t e = run_end(x, r, limit);
        int object = r > a
            && (in(x, r - 1, lg_prepositions) || in(x, r - 1, lg_determiners) || in(x, r - 1, subordinators));
        size_t who = object || (tok(x, e - 1)->flags & LG_W_POSS) ? NONE : speaker_of_run(x, r, e, 0);
        if (who != NONE)
            return (who_t){BY_NAME, who};
        r = e - 1;
    }
    return nobody;
}

/* The head of a title whose complement ends at token t: "Представитель
 * Кремля", "глава МИД", "the head of Mexican diplomacy", or NONE. */
static size_t title_ending(const qx *x, size_t a, size_t t)
{
    if (t > a && is_head(x, t - 1))
        return t - 1;
    for (size_t i = t; i > a + 1 && t - i < TITLE_REACH && out(x, i) && lg_etok_word(tok(x, i)); i--)
        if (lg_etok_is(x->r.s, tok(x, i), "of") && is_head(x, i - 1))
            return i - 1;
    return NONE;
}

/* The reference ending at token t, the subject before a verb: "Lavrov",
 * "he", "the foreign minister". A name that is no speaker ("Moscow")
 * is a reference to no person. */
static who_t ref_ending(const qx *x, size_t a, size_t t)
{
    if (!out(x, t))
        return nobody;
    if (in(x, t, lg_subject_pronouns))
        return pronoun_ref(x, a, t);
    if (is_head(x, t))
        return title_ref(x, a, t);
    int acronym = lg_etok_word(tok(x, t)) && (tok(x, t)->flags & LG_W_UPPER);
    int name = is_name_word(x, t);
    size_t r = name ? run_start(x, a, t) : t;
    size_t who = name && !(tok(x, t)->flags & LG_W_POSS) ? speaker_of_run(x, r, t + 1, 0) : NONE;
    if (who != NONE)
        return (who_t){BY_NAME, who};
    /* "Представитель Кремля", "глава МИД", "the head of Mexican diplomacy" */
    size_t h = title_ending(x, a, r);
    if (h != NONE)
        return title_ref(x, a, h);
    return name && !acronym ? (who_t){BY_NAME, NONE} : nobody;
}

/* Whether token k belongs to a reference phrase: a name or a title,
 * its lower-case modifiers ("the foreign minister"), and in Russian any
 * word ("министр иностранных дел России Сергей Лавров"). */
static int phrase_word(const qx *x, size_t k, size_t b, int cyrillic)
{
    if (!out(x, k) || !lg_etok_word(tok(x, k)))
        return 0;
    if ((tok(x, k)->flags & LG_W_CAP) || is_head(x, k))
        return 1;
    if (cyrillic)
        return is_cyrillic(x, k) && !in(x, k, lg_prepositions) && !in(x, k, lg_conjunctions);
    return (k + 1 < b && is_head(x, k + 1)) || (k + 2 < b && is_head(x, k + 2) && lower_word(x, k + 1));
}

/* The reference starting at token k: "Lavrov", "he", "the minister",
 * "Russia's top diplomat", "Foreign Minister Sergey Lavrov". *e gets
 * its end. `oblique` lets a declined Russian surname count (по словам
 * Лаврова). */
static who_t ref_at(const qx *x, size_t a, size_t k, size_t b, size_t *e, int oblique)
{
    *e = k;
    if (k >= b || !out(x, k))
        return nobody;
    if (in(x, k, lg_subject_pronouns) || in(x, k, lg_object_pronouns)) {
        *e = k + 1;
        return pronoun_ref(x, a, k);
    }
    size_t p = k + in(x, k, lg_determiners);
    size_t q = p, head = NONE;
    int cyrillic = is_cyrillic(x, k) || oblique;
    while (q < b && q - p < TAG_WORDS && phrase_word(x, q, b, cyrillic))
        head = is_head(x, q++) ? q - 1 : head;
    *e = q;
    who_t found = nobody;
    for (size_t r = p; r < q; r++) {
        size_t re = run_end(x, r, q);
        /* "Russia's", and "Estonian" in "the Estonian minister", name no one */
        if (re == r || (tok(x, re - 1)->flags & LG_W_POSS) || (re < q && is_head(x, re))) {
            r = re > r ? re - 1 : r;
            continue;
        }
        size_t who = speaker_of_run(x, r, re, oblique);
        if (who != NONE)
            return (who_t){BY_NAME, who};
        found = (who_t){BY_NAME, NONE};
        r = re - 1;
    }
    if (found.by || head == NONE)
        return found;
    const char *qualifier;
    const char *office = office_at(x, head, &qualifier);
    int def = p > k || is_cyrillic(x, head) || (tok(x, k)->flags & LG_W_POSS);
    return def ? (who_t){BY_REF, holder_of(x, office, qualifier, head)} : nobody;
}

/* ---- speech ---- */

/* The subject of the verb at v: "Lavrov has said", "Keith Kellogg, who
 * had called", "The Russian Foreign Minister, Sergei Lavrov, has
 * assured", "Lavrov, however, said", "… and said". */
static who_t subject_before(const qx *x, size_t a, size_t v)
{
    size_t j = lg_skip_auxiliaries(&x->r, a, v);
    if (j >= a + 3 && in(x, j - 1, lg_relatives) && punct(x, j - 2) == ',')
        return ref_ending(x, a, j - 3);
    if (j > a + 1 && punct(x, j - 1) == ',') {
        size_t k = lg_opening_comma(&x->r, a, j - 1);
        if (k == LG_NO_TOKEN)
            return nobody;
        /* ", Sergei Lavrov, has", ", Norwegian State Secretary Ingrid Moe, said" */
        size_t r = k + 1 < j - 1 && is_name_word(x, j - 2) ? run_start(x, k + 1, j - 2) : NONE;
        if (r != NONE && (r == k + 1 || speaker_of_run(x, r, j - 1, 0) != NONE))
            return ref_ending(x, a, j - 2);
        j = lg_skip_auxiliaries(&x->r, a, k);
    }
    if (j > a && in(x, j - 1, lg_conjunctions))
        return first_subject(x, a, j - 1);
    return j > a ? ref_ending(x, a, j - 1) : nobody;
}

/* The speech reported at token i of the sentence [a, b), if any. */
static event event_at(const qx *x, size_t a, size_t i, size_t b)
{
    size_t n = lg_phrase_in(&x->r, i, lg_source_phrases), e;
    if (n)
        return (event){1, ref_at(x, a, i + n, b, &e, 1), i, 1};
    n = lg_phrase_in(&x->r, i, pronoun_phrases);
    if (n)
        return (event){1, pronoun_ref(x, a, i), i, 1};
    if (out(x, i) && in(x, i, participles))
        return (event){1, first_subject(x, a, i), i, 0};
    if (!is_verb(x, i, 0))
        return no_event;
    who_t who = subject_before(x, a, i);
    if (!who.by && lg_may_invert(&x->r, a, i))
        who = ref_at(x, a, i + 1, b, &e, 0);
    /* Russian puts long phrases between subject and verb. */
    if (!who.by && is_cyrillic(x, i))
        who = first_subject(x, a, i);
    return (event){1, who, i, 0};
}

/* The nearest speech event in [from, to) of the sentence [a, b),
 * searching backwards or forwards; quotations are skipped. */
static event nearest_event(const qx *x, size_t a, size_t from, size_t to, size_t b, int backwards)
{
    for (size_t k = 0; k < to - from; k++) {
        size_t i = backwards ? to - 1 - k : from + k;
        event ev = out(x, i) ? event_at(x, a, i, b) : no_event;
        if (ev.verb)
            return ev;
    }
    return no_event;
}

/* Past "he has", "the minister, however," to where a verb may stand. */
static size_t skip_to_verb(const qx *x, size_t e, size_t b)
{
    for (int asides = 0;; asides++) {
        while (e < b && out(x, e) && in(x, e, lg_auxiliaries))
            e++;
        if (e >= b || punct(x, e) != ',' || asides == MAX_ASIDES)
            return e;
        size_t k = e + 1;
        while (k < b && k - e < LG_MAX_PAREN && out(x, k) && punct(x, k) != ',')
            k++;
        if (k >= b || punct(x, k) != ',')
            return e;
        e = k + 1;
    }
}

/* A tag whose subject is no person: `," the ministry said`, `," officials
 * said` — a few lower-case words and a speech verb. */
static event common_subject_tag(const qx *x, size_t j, size_t b)
{
    size_t v = j + (j < b && (in(x, j, lg_determiners) || in(x, j, indefinites)));
    while (v < b && v - j < TITLE_REACH && out(x, v) && lower_word(x, v) && !is_verb(x, v, 0)
           && !in(x, v, lg_conjunctions) && !in(x, v, lg_prepositions) && !in(x, v, subordinators))
        v++;
    return v > j && v < b && is_verb(x, v, 0) ? (event){1, nobody, v, 0} : no_event;
}

/* An attribution right after a quotation, from token j: `," Lavrov
 * said`, `," said the minister`, `», — заявил Лавров`, `": Wang Liqun`
 * (a headline's). Any past tense is a tag's verb here, so a subject must
 * be found for it. */
static event tag_after(const qx *x, size_t a, size_t j, size_t b)
{
    while (j < b && (punct(x, j) == ',' || is_dash(punct(x, j))))
        j++;
    size_t e;
    if (j < b && punct(x, j) == ':' && out(x, j)) {
        who_t who = ref_at(x, a, j + 1, b, &e, 0);
        int alone = e == b || lg_is_terminal(punct(x, e));
        return who.by == BY_NAME && alone ? (event){1, who, j, 0} : no_event;
    }
    if (j >= b || !out(x, j))
        return no_event;
    if (is_verb(x, j, 1)) {
        who_t who = ref_at(x, a, j + 1, b, &e, 0);
        return who.by || is_verb(x, j, 0) ? (event){1, who, j, 0} : no_event;
    }
    who_t who = ref_at(x, a, j, b, &e, 0);
    if (!who.by)
        return common_subject_tag(x, j, b);
    size_t v = skip_to_verb(x, e, b);
    return v < b && is_verb(x, v, 1) ? (event){1, who, v, 0} : no_event;
}

/* ---- pass 1: marks ---- */

static quote *new_quote(qx *x, size_t open)
{
    if (LG_GROW(x->q, x->nq, x->cq) < 0) {
        x->failed = 1;
        return NULL;
    }
    quote *q = &x->q[x->nq++];
    *q = (quote){open, NONE, NONE, open, NONE, 0, 0, 0};
    return q;
}

/* Whether the top-level closing mark at i is misplaced: glued to the
 * word after it, which does not start an attribution. */
static int is_stray(const qx *x, size_t i)
{
    if (!glued_after(x, i) || !lg_etok_word(tok(x, i + 1)))
        return 0;
    return !tag_after(x, i + 1, i + 1, x->r.ts.n).verb;
}

static void set_role(qx *x, size_t from, size_t to, int was, int now)
{
    for (size_t i = from; i < to; i++)
        if (x->r.role[i] == was)
            x->r.role[i] = (unsigned char)now;
}

/* Where a quotation that never closed ends, its paragraph ending at
 * token pend: before an attribution it swallowed (`…an agreement, he has
 * qualified.`), else with the paragraph. */
static size_t unclosed_end(qx *x, const quote *q, size_t pend)
{
    set_role(x, q->from, pend, R_IN, R_OUT); /* so the tag reads as the reporter's */
    size_t cut = pend;
    for (size_t k = q->from + 1; k < pend && cut == pend; k++) {
        if (punct(x, k) != ',' && !is_dash(punct(x, k)))
            continue;
        event ev = tag_after(x, k, k, pend);
        int ends = ev.verb && (ev.at + 1 >= pend || punct(x, ev.at + 1) == ',' || lg_is_terminal(punct(x, ev.at + 1)));
        cut = ends ? k : pend;
    }
    set_role(x, q->from, cut, R_OUT, R_IN);
    return cut;
}

/* Whether token i opens a paragraph with a mark of family fam, the
 * sign that the quotation goes on. */
static int continues(const qx *x, size_t i, int fam)
{
    return i < x->r.ts.n && family(punct(x, i)) == fam && can_open(x, i);
}

/* At the paragraph break before token i (or the end, i = n): the
 * quotation being read (cur) goes on or ends. Returns it, or NONE. */
static size_t paragraph_break(qx *x, size_t cur, size_t i, mstack *st)
{
    if (cur == NONE) {
        st->n = 0;
        return NONE;
    }
    quote *q = &x->q[cur];
    if (st->fam[0] != FAM_SINGLE && continues(x, i, st->fam[0])) {
        x->r.role[i] = R_SKIP;
        q->from = i;
        st->n = 1;
        return cur;
    }
    if (st->fam[0] == FAM_SINGLE) {
        set_role(x, q->open, i, R_IN, R_OUT);
        set_role(x, q->open, i, R_SKIP, R_OUT);
        x->r.role[q->open] = R_OUT;
        x->nq--;
    } else {
        q->last = unclosed_end(x, q, i);
    }
    st->n = 0;
    return NONE;
}

static size_t open_mark(qx *x, size_t cur, size_t i, mstack *st)
{
    if (st->n == MAX_DEPTH)
        return cur;
    if (!st->n) {
        if (!new_quote(x, i))
            return cur;
        cur = x->nq - 1;
        x->r.role[i] = R_OPEN;
    }
    st->tok[st->n] = i;
    st->fam[st->n++] = family(punct(x, i));
    return cur;
}

static size_t close_mark(qx *x, size_t cur, size_t i, mstack *st)
{
    size_t d = open_depth(st, family(punct(x, i)));
    if (d == NONE)
        return cur;
    if (d > 0) {
        st->n = d;
        return cur;
    }
    quote *q = &x->q[cur];
    if (is_stray(x, i)) {
        x->r.role[i] = R_SKIP;
        q->from = i;
        return cur;
    }
    x->r.role[i] = R_CLOSE;
    q->close = q->last = i;
    st->n = 0;
    return NONE;
}

static void find_quotes(qx *x)
{
    size_t cur = NONE;
    mstack st = {.n = 0};
    for (size_t i = 0; i < x->r.ts.n && !x->failed; i++) {
        if ((x->flags[i] & F_PARA) && i > 0) {
            cur = paragraph_break(x, cur, i, &st);
            if (x->r.role[i] == R_SKIP)
                continue;
        }
        x->r.role[i] = cur == NONE ? R_OUT : R_IN;
        int step = mark_step(x, i, &st);
        if (step > 0)
            cur = open_mark(x, cur, i, &st);
        else if (step < 0)
            cur = close_mark(x, cur, i, &st);
    }
    paragraph_break(x, cur, x->r.ts.n, &st);
}

/* ---- pass 2: sentences ---- */

/* Whether a sentence can start at token j. */
static int starts_sentence(const qx *x, size_t j)
{
    return j == x->r.ts.n || (x->flags[j] & F_PARA) || (tok(x, j)->flags & LG_W_CAP) || x->r.role[j] == R_OPEN
        || punct(x, j) == '(';
}

/* Whether token i ends a sentence: a full stop of the reporter's, or
 * a closing mark after the quotation's own (`…declaration.” He`). */
static int ends_sentence(const qx *x, size_t i)
{
    if (!starts_sentence(x, i + 1))
        return 0;
    if (x->r.role[i] == R_CLOSE)
        return i > 0 && lg_is_terminal(punct(x, i - 1));
    int abbreviation = punct(x, i) == '.' && i > 0 && lg_abbreviation(&x->r, i - 1);
    return x->r.role[i] == R_OUT && lg_is_terminal(punct(x, i)) && !abbreviation;
}

/* A sentence longer than MAX_SENTENCE of the reporter's tokens is cut,
 * so that every search inside one stays short. */
static void mark_sentences(qx *x)
{
    size_t since = 0;
    for (size_t i = 0; i < x->r.ts.n; i++) {
        int outside = x->r.role[i] == R_OUT || x->r.role[i] == R_OPEN;
        if (outside && (i == 0 || (x->flags[i] & F_PARA) || ends_sentence(x, i - 1) || since >= MAX_SENTENCE)) {
            x->flags[i] |= F_SENT;
            since = 0;
        }
        since += outside;
    }
}

/* ---- pass 3: attribution ---- */

static size_t after_quote(const quote *q)
{
    return q->close != NONE ? q->close + 1 : q->last;
}

/* Whether the speech event before the comma at c introduces what follows:
 * "stating,", "Lavrov told reporters,", "According to Wang," opening the
 * sentence — not "Lavrov said that Moscow was ready,", "called it", nor
 * "…, которые, по его словам,". */
static int introduces(const qx *x, size_t a, event ev, size_t c)
{
    if (!ev.verb || in(x, ev.at, naming_verbs) || c - ev.at > INTRO_WORDS || (ev.phrase && ev.at != a))
        return 0;
    for (size_t i = ev.at + 1; i < c; i++)
        if (!lg_etok_word(tok(x, i)) || in(x, i, subordinators))
            return 0;
    return 1;
}

static int left_context(const qx *x, size_t a, size_t open)
{
    size_t j = open;
    while (j > a && (is_dash(punct(x, j - 1)) || punct(x, j - 1) == 0x2026))
        j--;
    if (j == a)
        return L_START;
    int32_t p = punct(x, j - 1);
    if (p == ':' || (out(x, j - 1) && lg_speech_verb(&x->r, j - 1, LG_SV_NOUN)))
        return L_INTRO;
    if (p != ',')
        return L_TEXT;
    return introduces(x, a, nearest_event(x, a, a, j - 1, open, 1), j - 1) ? L_INTRO : L_TEXT;
}

/* Whether the sentence ends with the quotation, or a headline's colon
 * follows it (`"…": an interview with Annette Brauer`). */
static int ends_with_quote(const qx *x, const quote *q, size_t b)
{
    size_t j = after_quote(q);
    return j >= b || lg_is_terminal(punct(x, j)) || punct(x, j) == ':';
}

static size_t word_count(const qx *x, const quote *q)
{
    size_t n = 0;
    for (size_t i = q->open + 1; i < q->last; i++)
        n += lg_etok_word(tok(x, i)) && x->r.role[i] == R_IN;
    return n;
}

static void credit(quote *q, who_t who, int place)
{
    q->who = who.who;
    q->conf = who.who == NONE ? 0 : confidence[place][who.by == BY_REF];
}

/* Whether the quotation is all its paragraph holds. */
static int fills_paragraph(const qx *x, const quote *q, size_t b)
{
    return (x->flags[q->open] & F_PARA) && (b == x->r.ts.n || (x->flags[b] & F_PARA)) && ends_with_quote(x, q, b);
}

/* Whether a term marker stands right before token i: the so-called "…". */
static int after_term_marker(const qx *x, size_t i)
{
    for (const char *const *m = term_markers; *m; m++) {
        size_t n = 1 + (size_t)(strchr(*m, ' ') != NULL);
        if (i >= n && lg_reading_phrase_at(&x->r, i - n, *m) == n)
            return 1;
    }
    return 0;
}

static int one_person(size_t who)
{
    return who != NONE && who != MANY;
}

/* Who said quotation q of the sentence [a, b); the order is the one at
 * the top of the file. Only a statement opening its sentence goes on
 * someone's speech or mention. */
static void find_speaker(qx *x, quote *q, size_t a, size_t b, int left, event tag)
{
    size_t after = after_quote(q);
    event ev = tag;
    int place = P_TAG;
    if (!ev.verb) {
        ev = nearest_event(x, a, a, q->open, b, 1);
        place = left == L_INTRO ? P_INTRO : P_SENTENCE;
    }
    /* "Tabrizi told them, according to Kamali, that …": Kamali is the
     * source, Tabrizi the speaker. */
    if (ev.phrase && ev.at > a && punct(x, ev.at - 1) == ',') {
        event told = nearest_event(x, a, a, ev.at - 1, b, 1);
        ev = told.verb && told.who.who != NONE ? told : ev;
    }
    if (!ev.verb) {
        ev = nearest_event(x, a, after, b, b, 0);
        place = P_SENTENCE;
    }
    int start = left == L_START, fills = start && fills_paragraph(x, q, b);
    if (after_term_marker(x, q->open))
        credit(q, nobody, P_TAG);
    else if (ev.verb)
        credit(q, ev.who, place);
    else if (start && x->para_who != NONE)
        credit(q, (who_t){BY_NAME, x->para_who}, P_PARAGRAPH);
    else if (fills && x->prev_para_who != NONE)
        credit(q, (who_t){BY_NAME, x->prev_para_who}, P_PREVIOUS);
    else if (start && one_person(x->para_named))
        credit(q, (who_t){BY_NAME, x->para_named}, P_MENTION);
    else if (fills && one_person(x->prev_para_named))
        credit(q, (who_t){BY_NAME, x->prev_para_named}, P_MENTION);
    else
        credit(q, first_subject(x, a, q->open), P_SUBJECT);
}

/* A name in marks, not a quotation: «Евразия-24», "Kommersant" — a few
 * capitalised words inside the reporter's sentence. */
static int is_name_in_marks(const qx *x, const quote *q)
{
    size_t n = word_count(x, q);
    for (size_t i = q->open + 1; i < q->last; i++)
        if (x->r.role[i] == R_IN && lg_etok_word(tok(x, i)) && !(tok(x, i)->flags & (LG_W_CAP | LG_W_DIGIT)))
            return 0;
    return n >= 1 && n <= NAME_WORDS;
}

static void attribute(qx *x, quote *q, size_t a, size_t b)
{
    int left = left_context(x, a, q->open);
    event tag = tag_after(x, a, after_quote(q), b);
    find_speaker(x, q, a, b, left, tag);
    int framed = left == L_INTRO || tag.verb;
    int whole = left != L_TEXT && (tag.verb || ends_with_quote(x, q, b));
    q->partial = !whole || (!framed && word_count(x, q) < SHORT_WORDS);
    q->is_name = left == L_TEXT && !tag.verb && is_name_in_marks(x, q);
}

static void register_titles(qx *x, size_t a, size_t b)
{
    for (size_t i = a; i < b && !x->failed; i++) {
        if (!is_name_word(x, i) || (i > a && is_name_word(x, i - 1)))
            continue;
        size_t e = run_end(x, i, b);
        register_title(x, a, i, e);
        i = e - 1;
    }
}

static void note_named(qx *x, size_t who)
{
    if (who != NONE && x->para_named != who)
        x->para_named = x->para_named == NONE ? who : MANY;
}

/* The first quotation opening at or after token a. Pass 1 adds them in
 * the order of their opening marks, so x->q is sorted by open: a sentence
 * finds its own without scanning all of them (no quadratic time on a page
 * of thousands of quotations). */
static size_t first_quote_at(const qx *x, size_t a)
{
    size_t lo = 0, hi = x->nq;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (x->q[mid].open < a)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Who was named and who spoke in the sentence [a, b), for the paragraph
 * and the pronouns. */
static void note_speech(qx *x, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (is_name_word(x, i) && !is_name_word(x, i + 1))
            note_named(x, speaker_of_run(x, run_start(x, a, i), i + 1, 1));
    for (size_t i = a; i < b; i++) {
        event ev = out(x, i) ? event_at(x, a, i, b) : no_event;
        if (ev.who.who != NONE)
            x->last_speaker = x->para_who = ev.who.who;
    }
    for (size_t i = first_quote_at(x, a); i < x->nq && x->q[i].open < b; i++)
        if (x->q[i].who != NONE)
            x->last_speaker = x->para_who = x->q[i].who;
    who_t subject = first_subject(x, a, b);
    if (subject.who != NONE)
        x->last_subject = subject.who;
}

static void read_sentence(qx *x, size_t a, size_t b)
{
    if (x->flags[a] & F_PARA) {
        x->prev_para_who = x->para_who;
        x->prev_para_named = x->para_named;
        x->para_who = x->para_named = NONE;
    }
    for (size_t i = first_quote_at(x, a); i < x->nq && x->q[i].open < b; i++)
        attribute(x, &x->q[i], a, b);
    note_speech(x, a, b);
}

static size_t sentence_end(const qx *x, size_t a)
{
    size_t b = a + 1;
    while (b < x->r.ts.n && !(x->flags[b] & F_SENT))
        b++;
    return b;
}

/* The titles first, so that a headline's "minister" finds the one named
 * below it; then the sentences in order. */
static void attribute_all(qx *x)
{
    for (size_t a = 0; a < x->r.ts.n && !x->failed; a = sentence_end(x, a))
        register_titles(x, a, sentence_end(x, a));
    for (size_t a = 0; a < x->r.ts.n && !x->failed; a = sentence_end(x, a))
        read_sentence(x, a, sentence_end(x, a));
}

/* ---- results ---- */

/* The words between the marks: continuation and stray marks out, white
 * space folded (paragraphs joined by one space). */
static char *quote_text(const qx *x, const quote *q)
{
    size_t prev = tok(x, q->open)->end;
    char *t = malloc(tok(x, q->last - 1)->end - prev + 1);
    if (!t)
        return NULL;
    size_t n = 0;
    int space = 0;
    for (size_t i = q->open + 1; i < q->last; i++) {
        const lg_etok *k = tok(x, i);
        space |= k->start > prev || x->r.role[i] == R_SKIP;
        prev = k->end;
        if (x->r.role[i] == R_SKIP)
            continue;
        if (space && n)
            t[n++] = ' ';
        space = 0;
        memcpy(t + n, x->r.s + k->start, k->end - k->start);
        n += k->end - k->start;
    }
    /* `"…," he said`: the comma before the closing mark is the reporter's
     * punctuation, not the speaker's words. */
    while (n && (t[n - 1] == ',' || t[n - 1] == ' '))
        n--;
    t[n] = '\0';
    return t;
}

/* The key two copies of a quotation share: letters and digits, lower case. */
static char *dedup_key(const char *text)
{
    size_t len = strlen(text), n = 0;
    char *k = malloc(4 * len + 1);
    if (!k)
        return NULL;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        i += lg_utf8_next(text, len, i, &cp);
        utf8proc_category_t c = utf8proc_category(cp);
        if ((c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) || c == UTF8PROC_CATEGORY_ND)
            n += (size_t)utf8proc_encode_char(utf8proc_tolower(cp), (utf8proc_uint8_t *)k + n);
    }
    k[n] = '\0';
    return k;
}

/* Fills o from q; it takes text. */
static int emit(const qx *x, const quote *q, lg_quote *o, char *text)
{
    o->text = text;
    o->start = tok(x, q->open)->start;
    o->end = q->close != NONE ? tok(x, q->close)->end : tok(x, q->last - 1)->end;
    o->partial = q->partial;
    o->confidence = q->conf;
    if (q->who != NONE && !(o->speaker = strndup(x->ps[q->who].name, x->ps[q->who].len)))
        return -1;
    return 0;
}

typedef struct {
    const char *key;
    size_t i;
} keyed;

static int by_key(const void *pa, const void *pb)
{
    const keyed *a = pa, *b = pb;
    int c = strcmp(a->key, b->key);
    return c ? c : (a->i > b->i) - (a->i < b->i);
}

/* Drops the copies of a quotation but the best attributed (the first on
 * a tie); keys[i] is NULL for a dropped one. Sorting the keys groups the
 * copies in n log n. Returns 0, or -1 on allocation failure. */
static int drop_copies(const qx *x, char **keys)
{
    keyed *v = malloc(x->nq * sizeof *v);
    if (!v)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < x->nq; i++)
        if (keys[i])
            v[n++] = (keyed){keys[i], i};
    qsort(v, n, sizeof *v, by_key);
    for (size_t g = 0, e; g < n; g = e) {
        size_t best = v[g].i;
        for (e = g + 1; e < n && strcmp(v[e].key, v[g].key) == 0; e++)
            if (x->q[v[e].i].conf > x->q[best].conf)
                best = v[e].i;
        for (size_t k = g; k < e; k++)
            if (v[k].i != best) {
                free(keys[v[k].i]);
                keys[v[k].i] = NULL;
            }
    }
    free(v);
    return 0;
}

static void free_all(char **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        free(v[i]);
    free(v);
}

/* Fills *out with one lg_quote per distinct quotation with words. */
static int collect(const qx *x, lg_quote **out, size_t *n)
{
    if (!x->nq)
        return 0;
    char **texts = calloc(x->nq, sizeof *texts), **keys = calloc(x->nq, sizeof *keys);
    lg_quote *v = calloc(x->nq, sizeof *v);
    int rc = texts && keys && v ? 0 : -1;
    for (size_t i = 0; i < x->nq && rc == 0; i++) {
        if (!word_count(x, &x->q[i]) || x->q[i].is_name)
            continue;
        texts[i] = quote_text(x, &x->q[i]);
        keys[i] = texts[i] ? dedup_key(texts[i]) : NULL;
        rc = keys[i] ? 0 : -1;
    }
    if (rc == 0)
        rc = drop_copies(x, keys);
    size_t m = 0;
    for (size_t i = 0; i < x->nq && rc == 0; i++)
        if (keys[i]) {
            rc = emit(x, &x->q[i], &v[m++], texts[i]);
            texts[i] = NULL;
        }
    free_all(texts, x->nq);
    free_all(keys, x->nq);
    if (rc < 0 || !m) {
        lg_quotes_free(v, m);
        return rc;
    }
    *out = v;
    *n = m;
    return 0;
}

/* ---- setup ---- */

static int prepare(qx *x, const char *text, size_t len, const lg_speaker_hit *speakers, size_t n_speakers)
{
    x->r.s = text;
    x->last_subject = x->last_speaker = NONE;
    x->para_who = x->prev_para_who = x->para_named = x->prev_para_named = NONE;
    if (lg_etoks_scan(&x->r.ts, text, len) < 0 || lg_reading_fold(&x->r) < 0)
        return -1;
    size_t n = x->r.ts.n ? x->r.ts.n : 1;
    x->r.role = calloc(n, 1);
    x->flags = calloc(n, 1);
    if (!x->r.role || !x->flags)
        return -1;
    for (size_t k = 0; speakers && k < n_speakers && !x->failed; k++)
        if (speakers[k].name)
            add_person(x, speakers[k].name, strlen(speakers[k].name));
    /* A blank line between two tokens separates paragraphs. */
    for (size_t i = 0; i < x->r.ts.n; i++) {
        size_t from = i ? tok(x, i - 1)->end : 0, breaks = 0;
        for (size_t k = from; k < tok(x, i)->start; k++)
            breaks += text[k] == '\n';
        x->flags[i] = i == 0 || breaks >= 2 ? F_PARA : 0;
    }
    return 0;
}

static void release(qx *x)
{
    lg_etoks_free(&x->r.ts);
    lg_reading_free_folds(&x->r);
    free(x->r.role);
    free(x->flags);
    free(x->ps);
    free(x->q);
    free(x->hs);
}

int lg_extract_quotes(const char *text, size_t len, const lg_speaker_hit *speakers, size_t n_speakers,
                      lg_quote **out, size_t *n)
{
    qx x = {0};
    *out = NULL;
    *n = 0;
    int rc = prepare(&x, text, len, speakers, n_speakers);
    if (rc == 0) {
        find_quotes(&x);
        mark_sentences(&x);
        attribute_all(&x);
        rc = x.failed ? -1 : collect(&x, out, n);
    }
    release(&x);
    return rc;
}

void lg_quotes_free(lg_quote *q, size_t n)
{
    for (size_t i = 0; q && i < n; i++) {
        free(q[i].text);
        free(q[i].speaker);
    }
    free(q);
}
