#include "extract.h"
#include "lexicon.h"

#include "analyze.h"

#include <stdlib.h>
#include <string.h>

/*
 * Speakers. The kept text is cut into sentences and read twice. The first
 * pass learns the names the article uses: every run of two or three
 * capitalised words that are not places, organisations, titles or common
 * words ("Sergey Lavrov"), and single names seen inside a sentence (a
 * capital at a sentence's start proves nothing: "Officials said").
 *
 * The second pass finds speech: a speech verb whose subject is a name, a
 * pronoun or a definite title ("the foreign minister"); a name after the
 * verb ("…,” said Lavrov", "according to Lavrov", "заявил Лавров"); a
 * clause's subject for a coordinated verb ("dismissed the remarks and
 * said"); "Name: answer" in interviews. Words inside quotation marks are
 * the speaker's, not the reporter's, and never attributions.
 *
 * Names: a single word stands for the full name learnt for it — its
 * surname, declined in Russian ("По словам Воронцова"), or a surname
 * written first ("Wang" for "Wang Liqun"); with none learnt it is kept as
 * written. Titles resolve to their holder ("Russian Foreign Minister
 * Sergey Lavrov" holds "foreign minister"). "He" is the clause's subject,
 * else the last speaker or the subject of a later sentence without speech.
 */

enum {
    KEY_CAP = LG_KEY_CAP,
    MAX_NAME_WORDS = 3,
    CALLED_QUOTE_GAP = 6, /* "called the Minsk agreements a "failed attempt"" */
    MIN_COLON_WORDS = 3   /* after "Name:", so "Legal Disclaimer:" is no speaker */
};

enum { Q_OUT = LG_OUT, Q_IN, Q_OPEN, Q_CLOSE };

#define NONE (-1L)

/* ---- word lists (lower case; those quotes.c reads too are in lexicon.h) ---- */

/* Capitalised at a sentence's start or in a heading, never a name. */
static const char *const common_words[] = {
    "the", "a", "an", "and", "but", "or", "nor", "in", "on", "at", "of", "for", "with", "by",
    "from", "to", "as", "if", "when", "while", "after", "before", "since", "during", "despite",
    "amid", "among", "also", "however", "moreover", "meanwhile", "additionally", "furthermore",
    "thus", "then", "this", "that", "these", "those", "there", "here", "it", "its", "he", "she",
    "they", "we", "i", "you", "his", "her", "their", "our", "my", "your", "one", "last", "next",
    "earlier", "later", "yet", "still", "even", "perhaps", "specifically", "unlike", "according",
    "speaking", "asked", "both", "all", "some", "many", "most", "such", "what", "which", "who",
    "whom", "whose", "where", "why", "how", "no", "not", "so", "because", "although", "though",
    "instead", "now", "today", "yesterday", "tomorrow", "about", "over", "under", "between",
    "against", "without", "within", "through", "again", "further", "indeed", "finally", "first",
    "second", "separately", "similarly", "only", "just", "every", "each", "other", "another",
    "several", "mr", "mrs", "ms", "dr", "sir", "madam", "yes", "once", "until", "via", "per",
    "do", "does", "did", "has", "have", "had", "is", "are", "was", "were", "be", "will", "would",
    "can", "could", "should", "may", "might", "must", "views", "share", "print", "related", "read",
    "more", "editor", "source", "tags", "updated",
    "в", "во", "на", "по", "об", "о", "с", "со", "к", "из", "за", "для", "при", "как", "что",
    "это", "этом", "этот", "также", "однако", "кроме", "после", "ранее", "он", "она", "они",
    "мы", "я", "и", "а", "но", "не", "его", "ее", "её", "их", NULL,
};

/* Places, organisations, agencies' rivals and calendar words: capitalised
 * subjects of "said" that are not people ("Moscow said", "The Kremlin
 * said"). */
static const char *const not_people[] = {
    "moscow", "washington", "kremlin", "russia", "ukraine", "kiev", "kyiv", "nato", "china",
    "beijing", "iran", "tehran", "israel", "europe", "america", "united", "states", "kingdom",
    "nations", "west", "east", "north", "south", "crimea", "donbass", "donbas", "minsk",
    "istanbul", "geneva", "brussels", "london", "paris", "berlin", "ankara", "turkey", "türkiye",
    "armenia", "azerbaijan", "georgia", "baku", "yerevan", "tbilisi", "syria", "damascus",
    "india", "delhi", "japan", "tokyo", "korea", "pyongyang", "seoul", "france", "germany",
    "britain", "poland", "warsaw", "belarus", "kazakhstan", "pentagon", "riyadh", "doha", "cairo",
    "gaza", "qatar", "egypt", "africa", "asia", "caucasus", "petersburg", "odessa", "kharkiv",
    "vienna", "rome", "italy", "spain", "canada", "ottawa", "cuba", "venezuela", "afghanistan",
    "pakistan", "iraq", "lebanon", "cbs", "cnn", "bbc", "fox", "nbc", "abc", "kommersant",
    "izvestia", "ministry", "department", "council", "union", "house", "office", "committee",
    "commission", "agency", "parliament", "duma", "assembly", "government", "administration",
    "embassy", "army", "forces", "bank", "fund", "organization", "organisation", "court",
    "party", "times", "news", "post", "daily", "agreement", "agreements", "accords",
    "federation", "republic", "university", "institute", "group", "company", "corporation",
    "network", "media", "channel", "television", "radio", "magazine", "journal", "website",
    "summit", "talks", "war", "operation", "treaty", "initiative", "god",
    "january", "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "москва", "москвы", "москве", "вашингтон", "вашингтона", "кремль", "кремля", "россия",
    "россии", "украина", "украины", "сша", "нато", "ес", "оон", "рф", "кнр", "мид", "запад", "запада",
    "киев", "киева", "европа", "европы", "китай", "китая", "минск", "белоруссии", "белоруссия",
    "польша", "польши", "германии", "франции", "турции", "ирана", "израиля", "японии", "индии",
    "министерство", "правительство", "совет", "дума", "администрация", NULL,
};

static const char *const nationalities[] = {
    "russian", "ukrainian", "american", "chinese", "british", "french", "german", "iranian",
    "israeli", "turkish", "european", "western", "soviet", "armenian", "azerbaijani",
    "georgian", "belarusian", "polish", "indian", "japanese", "korean", "syrian", "crimean",
    "italian", "spanish", "canadian", "hungarian", "kazakh", "saudi", "egyptian", "qatari",
    "emirati", "palestinian", "african", "asian", "arab", "kenyan", "nigerian", "ethiopian",
    "brazilian", "mexican", "argentine", "australian", "austrian", "swiss", "swedish", "norwegian",
    "danish", "finnish", "dutch", "belgian", "greek", "portuguese", "romanian", "bulgarian",
    "serbian", "croatian", "czech", "slovak", "lithuanian", "latvian", "estonian", "moldovan",
    "uzbek", "kyrgyz", "tajik", "mongolian", "vietnamese", "thai", "indonesian", "malaysian",
    "filipino", "pakistani", "afghan", "iraqi", "jordanian", "lebanese", "libyan", "tunisian",
    "algerian", "moroccan", "sudanese", "yemeni", "omani", "kuwaiti", "cuban", "venezuelan",
    "colombian", "chilean", "taiwanese", "российский", "украинский", "американский", NULL,
};

/* Words inside a title before its head noun: "Russia's top diplomat",
 * "министр иностранных дел". */
static const char *const title_modifiers[] = {
    "foreign", "external", "prime", "deputy", "vice", "special", "top", "chief", "press", "first",
    "former", "acting", "national", "security", "defence", "defense", "interior", "home", "state",
    "general", "affairs", "senior", "presidential", "official", "elect", "international",
    "relations", "cooperation", "development", "trade", "justice", "finance", "economy", "health",
    "energy", "culture", "education", "agriculture", "environment", "transport", "industry",
    "information", "иностранных", "дел", "официальный", NULL,
};
/* Inside a title: "Minister of Foreign Affairs", "… Relations and Cooperation". */
static const char *const title_links[] = {"of", "for", "and", NULL};

/* ---- state ---- */

typedef struct {
    char *form;  /* as written, without a possessive */
    char key[KEY_CAP];
    size_t at;   /* sentence where first seen */
    unsigned seen;
} known;

typedef struct {
    known *v;
    size_t n, cap;
} known_list;

typedef struct {
    char *name;
    char key[KEY_CAP];
    unsigned mentions;
    size_t first; /* order of the first speech event */
} person;

typedef struct {
    const char *office; /* static: "foreign minister" */
    long person;
} holder;

typedef struct {
    int pass;     /* 1: learn names; 2: find speech */
    lg_reading r; /* the current block, a Q_* role per token */
    size_t qcap;
    size_t sentence;
    known_list fulls;   /* "Sergey Lavrov" */
    known_list singles; /* "Haugen", seen inside a sentence */
    person *ps;
    size_t nps, cps;
    holder *hs;
    size_t nhs, chs;
    long last_speaker, last_holder;
    long last_subject; /* the last speaker, or the subject of a later sentence without speech */
    size_t events;
    int failed;
} spk;

/* Room for one more of n elements; the array, or NULL on failure. */
static void *reserve(void *v, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return v;
    size_t c = *cap ? 2 * *cap : 16;
    void *p = realloc(v, c * size);
    if (p)
        *cap = c;
    return p;
}

/* ---- words ---- */

static const lg_etok *tok(const spk *w, size_t i)
{
    return &w->r.ts.v[i];
}

static int is(const spk *w, size_t i, const char *const *list)
{
    return lg_word_in(&w->r, i, list);
}

static int is_cyrillic_word(const spk *w, size_t i)
{
    return lg_cyrillic_word(&w->r, i);
}

/* A Russian name in a case no subject takes: "с коллегой Сергеем
 * Воронцовым", "Лисовского". */
static int is_oblique(const spk *w, size_t i)
{
    static const char *const endings[] = {"ым", "ем", "ом", "ого", "его", "ому", "ему", NULL};
    const lg_etok *t = tok(w, i);
    if (!is_cyrillic_word(w, i) || t->end - t->start < 8) /* four letters */
        return 0;
    for (const char *const *e = endings; *e; e++) {
        size_t n = strlen(*e);
        if (!memcmp(w->r.s + t->end - n, *e, n))
            return 1;
    }
    return 0;
}

static int is_title(const spk *w, size_t i)
{
    return lg_title_at(&w->r, i) != NULL;
}

static int is_modifier(const spk *w, size_t i)
{
    return is(w, i, title_modifiers) || is(w, i, nationalities);
}

/* A capitalised word that can be part of a person's name. */
static int is_name_word(const spk *w, size_t i)
{
    return lg_capitalised(tok(w, i)) && !is(w, i, common_words) && !is(w, i, not_people) && !is(w, i, lg_agencies)
        && !is_modifier(w, i) && !is_title(w, i);
}

/* Words of a title phrase: "US President", "Russia's top diplomat",
 * "официальный представитель МИД России". */
static int is_title_word(const spk *w, size_t i)
{
    const lg_etok *t = tok(w, i);
    return lg_etok_word(t) && w->r.role[i] != Q_IN
        && (is_title(w, i) || is_modifier(w, i) || is(w, i, not_people) || (t->flags & LG_W_UPPER));
}

/* A holder's office: a qualified minister is one office of its own,
 * so that "the minister" finds a "foreign minister" but "the foreign
 * minister" no "prime minister". */
static const char *office_name(const char *office, const char *qualifier)
{
    if (strcmp(office, "minister") || !*qualifier)
        return office;
    return !strcmp(qualifier, "foreign") ? "foreign minister" : "prime minister";
}

/* The office of a title phrase [p, r): its last head noun's, qualified
 * by that noun ("diplomat") or else by any word of the phrase ("Foreign
 * Minister"), "foreign" before "prime". */
static const char *phrase_office(const spk *w, size_t p, size_t r)
{
    const lg_title *head = NULL;
    const char *qualifier = "";
    for (size_t i = p; i < r; i++) {
        const lg_title *t = lg_title_at(&w->r, i);
        const char *q = lg_qualifier_at(&w->r, i);
        head = t ? t : head;
        qualifier = *q && strcmp(qualifier, "foreign") ? q : qualifier;
    }
    if (!head)
        return NULL;
    qualifier = *head->qualifier ? head->qualifier : qualifier;
    return office_name(lg_qualified_office(head->office, qualifier), qualifier);
}

/* Start of the title phrase ending just before r. */
static size_t title_start(const spk *w, size_t a, size_t r)
{
    size_t p = r;
    for (;;) {
        if (p > a && is_title_word(w, p - 1))
            p--;
        else if (p < r && p > a + 1 && is(w, p - 1, title_links) && is_title_word(w, p - 2))
            p -= 2;
        else
            return p;
    }
}

/* End of the name run starting at r: up to a possessive, which ends it. */
static size_t run_end(const spk *w, size_t r, size_t b)
{
    size_t e = r;
    while (e < b && is_name_word(w, e) && w->r.role[e] != Q_IN) {
        e++;
        if (tok(w, e - 1)->flags & LG_W_POSS)
            break;
    }
    return e;
}

/* Start of the name run ending at t (inclusive), or t + 1 for none. */
static size_t run_start(const spk *w, size_t a, size_t t)
{
    size_t r = t + 1;
    while (r > a && is_name_word(w, r - 1) && (r == t + 1 || !(tok(w, r - 1)->flags & LG_W_POSS)))
        r--;
    return r;
}

/* ---- names ---- */

static int key_of(const char *s, size_t len, char key[KEY_CAP])
{
    return lg_name_key(s, len, key, KEY_CAP) > 0;
}

static const char *last_word(const char *key)
{
    const char *sp = strrchr(key, ' ');
    return sp ? sp + 1 : key;
}

static size_t first_word_len(const char *key)
{
    return strcspn(key, " ");
}

/* Keys of one person: equal, or sharing a surname when one of them is the
 * surname alone or both start alike ("sergei lavrov", "lavrov"). */
static int same_person(const char *a, const char *b)
{
    if (!strcmp(a, b))
        return 1;
    if (strcmp(last_word(a), last_word(b)))
        return 0;
    size_t fa = first_word_len(a), fb = first_word_len(b);
    return !a[fa] || !b[fb] || (fa == fb && !memcmp(a, b, fa));
}

/* Records an allocation failure; NONE so person lookups can return it. */
static long fail(spk *w)
{
    w->failed = 1;
    return NONE;
}

static known *find_known(const known_list *l, const char *key)
{
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->v[i].key, key))
            return &l->v[i];
    return NULL;
}

static void learn(spk *w, known_list *l, const char *form, size_t len)
{
    char key[KEY_CAP];
    if (!key_of(form, len, key))
        return;
    known *old = find_known(l, key);
    if (old) {
        old->seen++;
        return;
    }
    known *v = reserve(l->v, l->n, &l->cap, sizeof *v);
    if (!v) {
        fail(w);
        return;
    }
    l->v = v;
    known *k = &v[l->n];
    if (!(k->form = lg_span_dup(form, 0, len))) {
        fail(w);
        return;
    }
    memcpy(k->key, key, sizeof key);
    k->at = w->sentence;
    k->seen = 1;
    l->n++;
}

/* The name of a run [r, e) as written, without a possessive. */
static void run_text(const spk *w, size_t r, size_t e, const char **s, size_t *len)
{
    *s = w->r.s + tok(w, r)->start;
    *len = lg_etok_bare_end(w->r.s, tok(w, e - 1)) - tok(w, r)->start;
}

static void learn_sentence(spk *w, size_t a, size_t b)
{
    for (size_t i = a; i < b;) {
        size_t e = run_end(w, i, b);
        if (e == i) {
            i++;
            continue;
        }
        const char *s;
        size_t len;
        run_text(w, i, e, &s, &len);
        if (e - i >= 2 && e - i <= MAX_NAME_WORDS)
            learn(w, &w->fulls, s, len);
        else if (e - i == 1 && i > a)
            learn(w, &w->singles, s, len);
        i = e;
    }
}

/* Whether a single name refers to a full name: its surname, declined in
 * Russian text, or written first as Chinese and Korean names are ("Wang"
 * for "Wang Liqun"). */
static int refers_to(const char *single, int cyrillic, const char *full)
{
    char first[KEY_CAP];
    size_t n = first_word_len(full);
    memcpy(first, full, n);
    first[n] = '\0';
    const char *words[] = {last_word(full), first};
    for (size_t i = 0; i < 2; i++)
        if (!strcmp(single, words[i]) || (cyrillic && lg_declined(single, words[i])))
            return 1;
    return 0;
}

/* The full name a single name stands for: the one learnt last before
 * this sentence, else the first learnt after it. */
static const known *full_name_for(const spk *w, const char *key, int cyrillic)
{
    const known *before = NULL, *after = NULL;
    for (size_t i = 0; i < w->fulls.n; i++) {
        const known *k = &w->fulls.v[i];
        if (!refers_to(key, cyrillic, k->key))
            continue;
        if (k->at <= w->sentence)
            before = k;
        else if (!after)
            after = k;
    }
    return before ? before : after;
}

static long add_person(spk *w, const char *form, size_t len, const char *key)
{
    for (size_t i = 0; i < w->nps; i++)
        if (same_person(w->ps[i].key, key)) {
            person *p = &w->ps[i];
            if (len > strlen(p->name)) {
                char *name = lg_span_dup(form, 0, len);
                if (!name)
                    return fail(w);
                free(p->name);
                p->name = name;
                memcpy(p->key, key, KEY_CAP);
            }
            return (long)i;
        }
    person *ps = reserve(w->ps, w->nps, &w->cps, sizeof *ps);
    if (!ps)
        return fail(w);
    w->ps = ps;
    person *p = &ps[w->nps];
    if (!(p->name = lg_span_dup(form, 0, len)))
        return fail(w);
    memcpy(p->key, key, KEY_CAP);
    p->mentions = 0;
    p->first = 0;
    return (long)w->nps++;
}

/* The person a name run [r, e) names, or NONE when it is no trusted name. */
static long person_of_run(spk *w, size_t r, size_t e)
{
    const char *s;
    size_t len;
    char key[KEY_CAP];
    if (e == r || e - r > MAX_NAME_WORDS)
        return NONE;
    run_text(w, r, e, &s, &len);
    if (!key_of(s, len, key))
        return NONE;
    if (e - r == 1) {
        const known *full = full_name_for(w, key, is_cyrillic_word(w, r));
        if (full)
            return add_person(w, full->form, strlen(full->form), full->key);
        if (!find_known(&w->singles, key))
            return NONE;
    }
    return add_person(w, s, len, key);
}

/* ---- titles ---- */

static int offices_match(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la < lb)
        return offices_match(b, a);
    return !strcmp(a + la - lb, b) && (la == lb || a[la - lb - 1] == ' ');
}

/* Among holders of the office (exactly, or as "minister" is of "foreign
 * minister"), the last speaker ("the foreign minister added" after one of
 * two ministers spoke), else the one named last. */
static long find_holder(const spk *w, const char *office, int exact)
{
    long newest = NONE;
    for (size_t i = w->nhs; i-- > 0;) {
        if (exact ? strcmp(w->hs[i].office, office) != 0 : !offices_match(w->hs[i].office, office))
            continue;
        if (w->hs[i].person == w->last_speaker)
            return w->last_speaker;
        if (newest == NONE)
            newest = w->hs[i].person;
    }
    return newest;
}

static long holder_of(const spk *w, const char *office)
{
    long p = find_holder(w, office, 1);
    return p != NONE ? p : find_holder(w, office, 0);
}

static void add_holder(spk *w, const char *office, long person)
{
    holder *hs = reserve(w->hs, w->nhs, &w->chs, sizeof *hs);
    if (!hs) {
        fail(w);
        return;
    }
    w->hs = hs;
    hs[w->nhs++] = (holder){office, person};
    w->last_holder = person;
}

/* "Russian Foreign Minister Sergey Lavrov", "The Russian Foreign
 * Minister, Sergei Lavrov,": the name run [r, e) holds that office. */
static void register_title(spk *w, size_t a, size_t r, size_t e)
{
    size_t end = r > a && tok(w, r - 1)->punct == ',' ? r - 1 : r;
    const char *office = phrase_office(w, title_start(w, a, end), end);
    if (!office)
        return;
    long p = person_of_run(w, r, e);
    if (p != NONE)
        add_holder(w, office, p);
}

/* "the foreign minister", "Russia's top diplomat", "министр иностранных
 * дел" ending at t: its holder. */
static long definite_title(const spk *w, size_t a, size_t t)
{
    size_t p = title_start(w, a, t + 1);
    const char *office = phrase_office(w, p, t + 1);
    if (!office)
        return NONE;
    int definite = (p > a && is(w, p - 1, lg_determiners)) || (tok(w, p)->flags & LG_W_POSS) || is_cyrillic_word(w, t);
    return definite ? holder_of(w, office) : NONE;
}

/* ---- subjects ---- */

/* Who "he" or "she" is without a subject before it in the sentence: the
 * last speaker or sentence subject, else the last person named with a
 * title. */
static long antecedent(const spk *w)
{
    return w->last_subject != NONE ? w->last_subject : w->last_holder;
}

/* The clause's subject: its first pronoun, definite title ("The
 * minister urged … and said") or name that does not follow a preposition
 * or an article and is neither possessive nor in an oblique case
 * ("Nasser Kamali dismissed the remarks and said…"). */
static long first_subject(spk *w, size_t a, size_t limit)
{
    for (size_t r = a; r < limit; r++) {
        if (!lg_out(&w->r, r))
            continue;
        if (is(w, r, lg_subject_pronouns))
            return antecedent(w);
        if (is_title(w, r) && (r + 1 == limit || (!is_title_word(w, r + 1) && !is_name_word(w, r + 1))))
            return definite_title(w, a, r);
        size_t e = run_end(w, r, limit);
        if (e == r
            || (r > a && (is_name_word(w, r - 1) || is(w, r - 1, lg_prepositions) || is(w, r - 1, lg_determiners))))
            continue;
        if (!(tok(w, e - 1)->flags & LG_W_POSS) && !is_oblique(w, e - 1))
            return person_of_run(w, r, e);
        r = e - 1;
    }
    return NONE;
}

/* The person the subject ending at token t names. */
static long subject_at(spk *w, size_t a, size_t t)
{
    const lg_etok *k = tok(w, t);
    if (!lg_out(&w->r, t) || !lg_etok_word(k))
        return NONE;
    if (is(w, t, lg_subject_pronouns)) { /* the clause's subject, else the antecedent */
        long p = first_subject(w, a, t);
        return p != NONE ? p : antecedent(w);
    }
    if (is(w, t, lg_relatives) && t >= a + 2 && tok(w, t - 1)->punct == ',')
        return subject_at(w, a, t - 2);
    if ((k->flags & LG_W_POSS) || is_oblique(w, t))
        return NONE;
    size_t r = run_start(w, a, t);
    if (r <= t)
        return person_of_run(w, r, t + 1);
    return definite_title(w, a, t);
}

/* The speaker named before the verb at v. */
static long subject_before(spk *w, size_t a, size_t v)
{
    size_t j = lg_skip_auxiliaries(&w->r, a, v);
    if (j > a && tok(w, j - 1)->punct == ',') {
        size_t k = lg_opening_comma(&w->r, a, j - 1);
        if (k == LG_NO_TOKEN)
            return NONE;
        if (k + 1 < j - 1 && run_end(w, k + 1, j - 1) == j - 1) /* ", Sergei Lavrov, has" */
            return person_of_run(w, k + 1, j - 1);
        j = lg_skip_auxiliaries(&w->r, a, k);
    }
    if (j > a && is(w, j - 1, lg_conjunctions))
        return first_subject(w, a, j - 1);
    return j > a ? subject_at(w, a, j - 1) : NONE;
}

/* The speaker named after position j: "said Lavrov", "said the minister",
 * "according to him", "заявил министр иностранных дел Сергей Лавров". */
static long subject_after(spk *w, size_t j, size_t b)
{
    if (j >= b || !lg_out(&w->r, j))
        return NONE;
    if (is(w, j, lg_object_pronouns))
        return antecedent(w);
    size_t p = j + is(w, j, lg_determiners), q = p;
    while (q < b && is_title_word(w, q))
        q++;
    size_t e = run_end(w, q, b);
    if (e > q) /* not "said that Putin’s Russia" */
        return tok(w, e - 1)->flags & LG_W_POSS ? NONE : person_of_run(w, q, e);
    return q > p ? definite_title(w, j, q - 1) : NONE;
}

/* ---- speech ---- */

/* "called the plan a “dead end”" reports words; "called for talks" does not. */
static int quote_follows(const spk *w, size_t i, size_t b)
{
    for (size_t k = i + 1; k < b && k <= i + CALLED_QUOTE_GAP; k++)
        if (w->r.role[k] == Q_OPEN)
            return 1;
    return 0;
}

static int is_speech_verb(const spk *w, size_t i, size_t b)
{
    const lg_etok *t = tok(w, i);
    if (!lg_etok_word(t) || (t->flags & LG_W_CAP))
        return 0;
    if (lg_etok_is(w->r.s, t, "called"))
        return quote_follows(w, i, b);
    return lg_speech_verb(&w->r, i, LG_SV_FRAMES);
}

static void credit(spk *w, long p)
{
    if (p == NONE)
        return;
    if (w->ps[p].mentions++ == 0)
        w->ps[p].first = w->events;
    w->events++;
    w->last_speaker = w->last_subject = p;
}

/* The speaker of the speech reported at token i, if any. */
static long speaker_at(spk *w, size_t a, size_t i, size_t b)
{
    size_t n = lg_phrase_in(&w->r, i, lg_source_phrases);
    if (n)
        return subject_after(w, i + n, b);
    if (!is_speech_verb(w, i, b))
        return NONE;
    long p = subject_before(w, a, i);
    if (p == NONE && lg_may_invert(&w->r, a, i))
        p = subject_after(w, i + 1, b);
    /* Russian puts long phrases between subject and verb: "Министр Ван
     * Лицюнь по итогам переговоров с коллегой Сергеем Воронцовым заявил". */
    if (p == NONE && is_cyrillic_word(w, i))
        p = first_subject(w, a, i);
    return p;
}

/* A person a pronoun may stand for: one with a full name, an office or
 * words reported, not a lone capitalised word ("Also Read: Monsoon
 * covers…"). */
static int is_established(const spk *w, long p)
{
    if (w->ps[p].mentions || strchr(w->ps[p].name, ' '))
        return 1;
    for (size_t i = 0; i < w->nhs; i++)
        if (w->hs[i].person == p)
            return 1;
    return 0;
}

/* "Annette Brauer: What has changed is…" — an interview's answer or a
 * headline's quote, at the start of a block, with words after it, by a
 * person the article names elsewhere too (not "Biomatrix Launches Ipoy:
 * Pioneering…"). */
static long colon_speaker(spk *w, size_t b)
{
    size_t e = run_end(w, 0, b);
    if (e == 0 || e + MIN_COLON_WORDS >= b || tok(w, e)->punct != ':')
        return NONE;
    const char *s;
    size_t len;
    char key[KEY_CAP];
    run_text(w, 0, e, &s, &len);
    const known *full = key_of(s, len, key) ? find_known(&w->fulls, key) : NULL;
    if (e > 1 && (!full || full->seen < 2))
        return NONE;
    return person_of_run(w, 0, e);
}

/* Credits the sentence's speech; a sentence without any still gives
 * "he" a new antecedent, its subject. */
static void speech_sentence(spk *w, size_t a, size_t b)
{
    size_t events = w->events;
    if (a == 0)
        credit(w, colon_speaker(w, b));
    for (size_t i = a; i < b && !w->failed; i++) {
        size_t e = run_end(w, i, b);
        if (e > i && (i == a || !is_name_word(w, i - 1)))
            register_title(w, a, i, e);
        credit(w, speaker_at(w, a, i, b));
    }
    long subject = events == w->events ? first_subject(w, a, b) : NONE;
    if (subject != NONE && is_established(w, subject))
        w->last_subject = subject;
}

/* ---- sentences ---- */

/* +1 when the mark opens a quotation at this depth, -1 when it closes one. */
static int quote_step(int32_t cp, int depth)
{
    switch (cp) {
    case '"': case 0x201C: /* “ opens English quotes and closes Russian „…“ */
        return depth ? -1 : 1;
    case 0xAB: case 0x201E: /* « „ */
        return 1;
    case 0xBB: case 0x201D: /* » ” */
        return -1;
    default:
        return 0;
    }
}

static int mark_quotes(spk *w)
{
    unsigned char *q = w->r.role;
    if (w->r.ts.n > w->qcap) {
        if (!(q = realloc(w->r.role, w->r.ts.n)))
            return -1;
        w->r.role = q;
        w->qcap = w->r.ts.n;
    }
    int depth = 0;
    for (size_t i = 0; i < w->r.ts.n; i++) {
        int step = quote_step(tok(w, i)->punct, depth);
        if (step > 0) {
            q[i] = Q_OPEN;
            depth++;
        } else if (step < 0) {
            q[i] = Q_CLOSE;
            depth -= depth > 0;
        } else {
            q[i] = depth ? Q_IN : Q_OUT;
        }
    }
    return 0;
}

/* If token i ends a sentence, the index after it (closing quotes
 * included), else 0. */
static size_t sentence_end(const spk *w, size_t i)
{
    int32_t c = tok(w, i)->punct;
    if (!lg_is_terminal(c))
        return 0;
    if (c == '.' && i > 0 && lg_abbreviation(&w->r, i - 1))
        return 0;
    size_t j = i + 1;
    while (j < w->r.ts.n && (w->r.role[j] == Q_CLOSE || tok(w, j)->punct == ')' || tok(w, j)->punct == '.'
                           || tok(w, j)->punct == '!' || tok(w, j)->punct == '?'))
        j++;
    if (j == w->r.ts.n || (tok(w, j)->flags & LG_W_CAP) || w->r.role[j] == Q_OPEN || tok(w, j)->punct == '(')
        return j;
    return 0;
}

static void read_block(spk *w, const lg_block *bl)
{
    w->r.s = bl->text;
    if (lg_etoks_scan(&w->r.ts, bl->text, bl->len) < 0 || lg_reading_fold(&w->r) < 0
        || mark_quotes(w) < 0) {
        fail(w);
        return;
    }
    for (size_t a = 0, i = 0; i < w->r.ts.n && !w->failed; i++) {
        size_t e = sentence_end(w, i);
        if (!e && i + 1 < w->r.ts.n)
            continue;
        e = e ? e : w->r.ts.n;
        if (w->pass == 1)
            learn_sentence(w, a, e);
        else
            speech_sentence(w, a, e);
        w->sentence++;
        a = e;
        i = e - 1;
    }
}

static void read_page(spk *w, const lg_page *page, int pass)
{
    w->pass = pass;
    w->sentence = 0;
    for (size_t i = 0; i < page->n && !w->failed; i++)
        if (lg_block_is_text(&page->blocks[i]))
            read_block(w, &page->blocks[i]);
}

/* ---- result ---- */

/* Most mentions first, then first to speak. */
static int by_rank(const void *x, const void *y)
{
    const person *a = x, *b = y;
    if (a->mentions != b->mentions)
        return a->mentions < b->mentions ? 1 : -1;
    return (a->first > b->first) - (a->first < b->first);
}

static void free_known(known_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i].form);
    free(l->v);
}

/* Moves the people who spoke, ranked, into *out. People only named
 * (title holders) rank last with no mentions and stay behind. */
static int collect(spk *w, lg_speaker_hit **out, size_t *n)
{
    size_t m = 0;
    if (w->nps)
        qsort(w->ps, w->nps, sizeof *w->ps, by_rank);
    while (m < w->nps && w->ps[m].mentions)
        m++;
    lg_speaker_hit *v = m ? calloc(m, sizeof *v) : NULL;
    if (m && !v)
        return -1;
    for (size_t i = 0; i < m; i++) {
        v[i] = (lg_speaker_hit){w->ps[i].name, w->ps[i].mentions};
        w->ps[i].name = NULL;
    }
    *out = v;
    *n = m;
    return 0;
}

static void release(spk *w)
{
    lg_etoks_free(&w->r.ts);
    lg_reading_free_folds(&w->r);
    free(w->r.role);
    free_known(&w->fulls);
    free_known(&w->singles);
    for (size_t i = 0; i < w->nps; i++)
        free(w->ps[i].name);
    free(w->ps);
    free(w->hs);
}

int lg_extract_speakers(const lg_page *page, lg_speaker_hit **out, size_t *n)
{
    spk w = {0};
    w.last_speaker = w.last_holder = w.last_subject = NONE;
    *out = NULL;
    *n = 0;
    read_page(&w, page, 1);
    read_page(&w, page, 2);
    int rc = w.failed ? -1 : collect(&w, out, n);
    release(&w);
    return rc;
}

void lg_speakers_free(lg_speaker_hit *s, size_t n)
{
    for (size_t i = 0; s && i < n; i++)
        free(s[i].name);
    free(s);
}
