#include "extract.h"
#include "extract_internal.h"

#include "analyze.h"
#include "analyze_internal.h"

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
    KEY_CAP = 128,
    MAX_NAME_WORDS = 3,
    MAX_PAREN = 14,       /* tokens in ", asked about the remarks during a stop in Warsaw," */
    CALLED_QUOTE_GAP = 6, /* "called the Minsk agreements a "failed attempt"" */
    MIN_COLON_WORDS = 3   /* after "Name:", so "Legal Disclaimer:" is no speaker */
};

enum { Q_OUT, Q_IN, Q_OPEN, Q_CLOSE };

#define NONE (-1L)

/* ---- word lists (lower case) ---- */

static const char *const speech_verbs[] = {
    "said", "says", "stated", "states", "noted", "notes", "told", "tells", "added", "adds",
    "explained", "explains", "emphasized", "emphasizes", "emphasised", "emphasises",
    "stressed", "stresses", "warned", "warns", "insisted", "insists", "countered", "counters",
    "reiterated", "reiterates", "asserted", "asserts", "argued", "argues", "declared", "declares",
    "announced", "announces", "urged", "urges", "confirmed", "confirms", "recalled", "recalls",
    "remarked", "remarks", "responded", "responds", "replied", "replies", "wrote", "writes",
    "tweeted", "tweets", "claimed", "claims", "assured", "assures",
    "заявил", "заявила", "сказал", "сказала", "отметил", "отметила", "подчеркнул", "подчеркнула",
    "сообщил", "сообщила", "добавил", "добавила", "пояснил", "пояснила", "уточнил", "уточнила",
    "напомнил", "напомнила", "ответил", "ответила", "призвал", "призвала", "предупредил",
    "предупредила", "говорил", "говорила", "заявлял", "заявляла", "отмечал", "отмечала",
    "подчеркивал", "подчеркивала", "подчёркивал", "подчёркивала", "говорит", "заявляет",
    "отмечает", "подчеркивает", "подчёркивает", NULL,
};

/* What may stand between a subject and its verb: "Lavrov has also said". */
static const char *const auxiliaries[] = {
    "has", "have", "had", "was", "is", "were", "also", "then", "again", "further", "later",
    "once", "earlier", "already", "still", "would", "will", "did", "does", "too",
    "также", "уже", "ранее", "вновь", "еще", "ещё", "накануне", "сегодня", "вчера", "затем", "позднее",
    "неоднократно", NULL,
};

static const char *const subject_pronouns[] = {"he", "she", "он", "она", NULL};
/* "Keith Kellogg, who had called", "Коваленко, который накануне заявил". */
static const char *const relatives[] = {"who", "который", "которая", NULL};
/* "… dismissed the remarks and said": the verb shares the clause's subject. */
static const char *const conjunctions[] = {"and", "but", "и", "но", "а", NULL};
/* Before a name that is no subject: "after meeting with Putin", "с коллегой". */
static const char *const prepositions[] = {
    "in", "of", "with", "by", "to", "from", "for", "at", "on", "after", "before", "about", "against",
    "between", "under", "over", "among", "during", "than", "like", "via", "without", "с", "со", "к",
    "ко", "у", "о", "об", "по", "для", "от", "при", "за", "над", "под", "из", "до", "без", "на", "в",
    "во", "про", "через", NULL,
};
static const char *const object_pronouns[] = {"him", "her", "него", "неё", "нее", NULL};
static const char *const determiners[] = {"the", "this", NULL};

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
static const char *const foreign_marks[] = {"foreign", "external", "иностранных", "мид", NULL};

/* A title's head noun and the office it names, so "the minister" finds
 * the last "Foreign Minister X" and "Russia's top diplomat" does too. */
static const struct {
    const char *word, *office;
} titles[] = {
    {"minister", "minister"}, {"министр", "minister"}, {"president", "president"},
    {"президент", "president"}, {"spokeswoman", "spokesperson"}, {"spokesman", "spokesperson"},
    {"spokesperson", "spokesperson"}, {"representative", "spokesperson"},
    {"представитель", "spokesperson"}, {"пресс-секретарь", "spokesperson"},
    {"ambassador", "ambassador"}, {"посол", "ambassador"}, {"envoy", "envoy"},
    {"secretary", "secretary"}, {"chancellor", "chancellor"}, {"premier", "prime minister"},
    {"diplomat", "foreign minister"}, {"дипломат", "foreign minister"}, {"chairman", "chair"},
    {"chairwoman", "chair"}, {"senator", "senator"}, {"leader", "leader"}, {"глава", "leader"},
    {"director", "director"}, {"commissioner", "commissioner"},
};

/* Before a '.' that does not end a sentence ("Mr. Trump"). */
static const char *const abbreviations[] = {
    "mr", "mrs", "ms", "dr", "st", "gen", "prof", "sen", "rep", "gov", "lt", "col", "maj",
    "capt", "jr", "sr", "no", "vs", "jan", "feb", "aug", "sept", "oct", "nov", "dec", "г", NULL,
};

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
    int pass;      /* 1: learn names; 2: find speech */
    const char *s; /* the current block */
    lg_etoks ts;
    unsigned char *q; /* Q_* per token */
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
    return &w->ts.v[i];
}

static int is(const spk *w, size_t i, const char *const *list)
{
    return lg_etok_word(tok(w, i)) && lg_span_in(w->s, tok(w, i)->start, lg_etok_bare_end(w->s, tok(w, i)), list);
}

static int is_cyrillic_word(const spk *w, size_t i)
{
    int32_t cp;
    lg_utf8_next(w->s, tok(w, i)->end, tok(w, i)->start, &cp);
    return lg_is_cyrillic(utf8proc_tolower(cp));
}

static const char *office_in(const char *s, size_t start, size_t end)
{
    for (size_t k = 0; k < sizeof titles / sizeof *titles; k++)
        if (lg_span_is(s, start, end, titles[k].word))
            return titles[k].office;
    return NULL;
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
        if (!memcmp(w->s + t->end - n, *e, n))
            return 1;
    }
    return 0;
}

/* The office a title word names; "President-elect" and "Vice-President"
 * name theirs by a part. */
static const char *office_of(const spk *w, size_t i)
{
    const lg_etok *t = tok(w, i);
    if (!lg_etok_word(t))
        return NULL;
    size_t end = lg_etok_bare_end(w->s, t), first = t->start, last = end;
    while (first < end && w->s[first] != '-')
        first++;
    while (last > t->start && w->s[last - 1] != '-')
        last--;
    const char *office = office_in(w->s, t->start, end);
    if (!office && first < end)
        office = office_in(w->s, t->start, first);
    if (!office && first < end)
        office = office_in(w->s, last, end);
    return office;
}

static int is_modifier(const spk *w, size_t i)
{
    return is(w, i, title_modifiers) || is(w, i, nationalities);
}

/* A capitalised word that can be part of a person's name. */
static int is_name_word(const spk *w, size_t i)
{
    const lg_etok *t = tok(w, i);
    if (!lg_etok_word(t) || !(t->flags & LG_W_CAP)
        || (t->flags & (LG_W_UPPER | LG_W_DIGIT | LG_W_DOT | LG_W_CAMEL)))
        return 0;
    return !is(w, i, common_words) && !is(w, i, not_people) && !is(w, i, lg_agencies)
        && !is_modifier(w, i) && !office_of(w, i);
}

/* Words of a title phrase: "US President", "Russia's top diplomat",
 * "официальный представитель МИД России". */
static int is_title_word(const spk *w, size_t i)
{
    const lg_etok *t = tok(w, i);
    return lg_etok_word(t) && w->q[i] != Q_IN
        && (office_of(w, i) || is_modifier(w, i) || is(w, i, not_people) || (t->flags & LG_W_UPPER));
}

/* The office of a title phrase [p, r): its last head noun, made
 * "foreign minister" or "prime minister" by the words before it. */
static const char *phrase_office(const spk *w, size_t p, size_t r)
{
    const char *office = NULL;
    int foreign = 0, prime = 0;
    for (size_t i = p; i < r; i++) {
        const char *o = office_of(w, i);
        office = o ? o : office;
        foreign |= is(w, i, foreign_marks);
        prime |= lg_etok_is(w->s, tok(w, i), "prime");
    }
    if (office && foreign && (!strcmp(office, "minister") || !strcmp(office, "leader")))
        return "foreign minister";
    if (office && prime && !strcmp(office, "minister"))
        return "prime minister";
    return office;
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
    while (e < b && is_name_word(w, e) && w->q[e] != Q_IN) {
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
    *s = w->s + tok(w, r)->start;
    *len = lg_etok_bare_end(w->s, tok(w, e - 1)) - tok(w, r)->start;
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

/* Whether a Russian surname's key is declined from its nominative:
 * Воронцова, Воронцову, Воронцовым (vorontsov + a, u, im); Лисовского
 * (lisovsk-i + ogo); Захаровой (zakharov-a + oi). */
static int declined(const char *form, const char *nominative)
{
    static const char *const hard[] = {"a", "u", "im", "e", "om", NULL};
    static const char *const adjectival[] = {"ogo", "omu", "im", "om", NULL};
    static const char *const feminine[] = {"oi", "u", NULL};
    size_t n = strlen(nominative);
    char last = n ? nominative[n - 1] : 0;
    const char *const *ends = last == 'i' ? adjectival : last == 'a' ? feminine : hard;
    size_t stem = ends == hard ? n : n - 1;
    if (strncmp(form, nominative, stem))
        return 0;
    for (; *ends; ends++)
        if (!strcmp(form + stem, *ends))
            return 1;
    return 0;
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
        if (!strcmp(single, words[i]) || (cyrillic && declined(single, words[i])))
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
    int definite = (p > a && is(w, p - 1, determiners)) || (tok(w, p)->flags & LG_W_POSS) || is_cyrillic_word(w, t);
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

/* "firmly", "repeatedly": -ly adverbs between a subject and its verb. */
static int is_adverb(const spk *w, size_t i)
{
    const lg_etok *t = tok(w, i);
    return lg_etok_word(t) && !(t->flags & LG_W_CAP) && t->end - t->start > 3 && w->s[t->end - 2] == 'l'
        && w->s[t->end - 1] == 'y';
}

/* Index after the subject before token j, past "has also", "firmly". */
static size_t skip_auxiliaries(const spk *w, size_t a, size_t j)
{
    while (j > a && w->q[j - 1] == Q_OUT && (is(w, j - 1, auxiliaries) || is_adverb(w, j - 1)))
        j--;
    return j;
}

/* The clause's subject: its first pronoun, definite title ("The
 * minister urged … and said") or name that does not follow a preposition
 * or an article and is neither possessive nor in an oblique case
 * ("Nasser Kamali dismissed the remarks and said…"). */
static long first_subject(spk *w, size_t a, size_t limit)
{
    for (size_t r = a; r < limit; r++) {
        if (w->q[r] != Q_OUT)
            continue;
        if (is(w, r, subject_pronouns))
            return antecedent(w);
        if (office_of(w, r) && (r + 1 == limit || (!is_title_word(w, r + 1) && !is_name_word(w, r + 1))))
            return definite_title(w, a, r);
        size_t e = run_end(w, r, limit);
        if (e == r || (r > a && (is_name_word(w, r - 1) || is(w, r - 1, prepositions) || is(w, r - 1, determiners))))
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
    if (w->q[t] != Q_OUT || !lg_etok_word(k))
        return NONE;
    if (is(w, t, subject_pronouns)) { /* the clause's subject, else the antecedent */
        long p = first_subject(w, a, t);
        return p != NONE ? p : antecedent(w);
    }
    if (is(w, t, relatives) && t >= a + 2 && tok(w, t - 1)->punct == ',')
        return subject_at(w, a, t - 2);
    if ((k->flags & LG_W_POSS) || is_oblique(w, t))
        return NONE;
    size_t r = run_start(w, a, t);
    if (r <= t)
        return person_of_run(w, r, t + 1);
    return definite_title(w, a, t);
}

/* The comma opening ", in a recent interview," that closes at j. */
static int opening_comma(const spk *w, size_t a, size_t j, size_t *k)
{
    for (size_t i = j; i > a && j - i < MAX_PAREN;) {
        i--;
        if (w->q[i] != Q_OUT)
            return 0;
        if (tok(w, i)->punct == ',') {
            *k = i;
            return 1;
        }
    }
    return 0;
}

/* The speaker named before the verb at v. */
static long subject_before(spk *w, size_t a, size_t v)
{
    size_t j = skip_auxiliaries(w, a, v);
    if (j > a && tok(w, j - 1)->punct == ',') {
        size_t k;
        if (!opening_comma(w, a, j - 1, &k))
            return NONE;
        if (k + 1 < j - 1 && run_end(w, k + 1, j - 1) == j - 1) /* ", Sergei Lavrov, has" */
            return person_of_run(w, k + 1, j - 1);
        j = skip_auxiliaries(w, a, k);
    }
    if (j > a && is(w, j - 1, conjunctions))
        return first_subject(w, a, j - 1);
    return j > a ? subject_at(w, a, j - 1) : NONE;
}

/* The speaker named after position j: "said Lavrov", "said the minister",
 * "according to him", "заявил министр иностранных дел Сергей Лавров". */
static long subject_after(spk *w, size_t j, size_t b)
{
    if (j >= b || w->q[j] != Q_OUT)
        return NONE;
    if (is(w, j, object_pronouns))
        return antecedent(w);
    size_t p = j + is(w, j, determiners), q = p;
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
        if (w->q[k] == Q_OPEN)
            return 1;
    return 0;
}

static int is_speech_verb(const spk *w, size_t i, size_t b)
{
    const lg_etok *t = tok(w, i);
    if (!lg_etok_word(t) || (t->flags & LG_W_CAP))
        return 0;
    if (lg_etok_is(w->s, t, "called"))
        return quote_follows(w, i, b);
    return is(w, i, speech_verbs);
}

/* English puts the name after the verb only after a quote or a comma:
 * "…,” said Lavrov. Russian does so anywhere: "заявил Лавров". */
static int may_invert(const spk *w, size_t a, size_t v)
{
    return v == a || !lg_etok_word(tok(w, v - 1)) || is_cyrillic_word(w, v);
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
    size_t n = lg_phrase_at(w->s, &w->ts, i, "according to");
    if (!n)
        n = lg_phrase_at(w->s, &w->ts, i, "по словам");
    if (n)
        return subject_after(w, i + n, b);
    if (!is_speech_verb(w, i, b))
        return NONE;
    long p = subject_before(w, a, i);
    if (p == NONE && may_invert(w, a, i))
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
    unsigned char *q = w->q;
    if (w->ts.n > w->qcap) {
        if (!(q = realloc(w->q, w->ts.n)))
            return -1;
        w->q = q;
        w->qcap = w->ts.n;
    }
    int depth = 0;
    for (size_t i = 0; i < w->ts.n; i++) {
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

static int is_abbreviation(const spk *w, size_t i)
{
    const lg_etok *t = tok(w, i);
    if (!lg_etok_word(t) || t->end != tok(w, i + 1)->start)
        return 0;
    int32_t cp;
    int initial = (t->flags & LG_W_UPPER) && lg_utf8_next(w->s, t->end, t->start, &cp) == t->end - t->start;
    return initial || is(w, i, abbreviations);
}

/* If token i ends a sentence, the index after it (closing quotes
 * included), else 0. */
static size_t sentence_end(const spk *w, size_t i)
{
    int32_t c = tok(w, i)->punct;
    if (c != '.' && c != '!' && c != '?' && c != 0x2026)
        return 0;
    if (c == '.' && i > 0 && is_abbreviation(w, i - 1))
        return 0;
    size_t j = i + 1;
    while (j < w->ts.n && (w->q[j] == Q_CLOSE || tok(w, j)->punct == ')' || tok(w, j)->punct == '.'
                           || tok(w, j)->punct == '!' || tok(w, j)->punct == '?'))
        j++;
    if (j == w->ts.n || (tok(w, j)->flags & LG_W_CAP) || w->q[j] == Q_OPEN || tok(w, j)->punct == '(')
        return j;
    return 0;
}

static void read_block(spk *w, const lg_block *bl)
{
    w->s = bl->text;
    if (lg_etoks_scan(&w->ts, bl->text, bl->len) < 0 || mark_quotes(w) < 0) {
        fail(w);
        return;
    }
    for (size_t a = 0, i = 0; i < w->ts.n && !w->failed; i++) {
        size_t e = sentence_end(w, i);
        if (!e && i + 1 < w->ts.n)
            continue;
        e = e ? e : w->ts.n;
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
    lg_etoks_free(&w->ts);
    free(w->q);
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
