"""How each language inflects a term: the regular expressions a term is compiled to.

English sources (plurals, possessives), Arabic translations (clitics, the article,
dual and plural endings, attached pronouns) and Turkish translations (suffix chains,
consonant softening, vowel drop).  The grammar accepted per language is described for
translators in ``glossary/README.md``.
"""

from __future__ import annotations

import re
import unicodedata

from hfs_i18n.text.scripts import (
    ARABIC_PRESENTATION_CLASS,
    ARABIC_TASHKEEL_CLASS,
)
from hfs_i18n.text.scripts import (
    turkish_lower as _turkish_lower_letters,
)

# ASCII tokens are enough to find candidate English terms and twice as fast to cut.
_WORD = re.compile(r"[a-z0-9]+")
# Pairs for str.replace: far faster than str.translate with a dict on non-ASCII text.
_APOSTROPHES = (("’", "'"), ("‘", "'"), ("ʼ", "'"), ("`", "'"), ("´", "'"))


# --------------------------------------------------------------------------- English


def normalize_english(text: str) -> str:
    """Casefold and unify apostrophes, so "Bell’s" and "bell's" are one spelling."""
    if text.isascii():
        # Most sources: the backtick is the one ASCII apostrophe variant, and casefold
        # is lower.
        return (text.replace("`", "'") if "`" in text else text).lower()
    return _replace_all(text, _APOSTROPHES).casefold()


def _replace_all(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    for old, new in pairs:
        if old in text:
            text = text.replace(old, new)
    return text


def _english_word(word: str, last: bool) -> str:
    """A word with its plural (spasm/spasms, artery/arteries) and, last, its possessive."""
    if len(word) > 2 and word.endswith("y") and word[-2] not in "aeiou":
        body = re.escape(word[:-1]) + "(?:y|ies)"
    else:
        body = re.escape(word) + "(?:e?s)?"
    return body + ("(?:'s|')?" if last else "")


def english_pattern(term: str) -> str:
    words = re.split(r"[\s\-]+", normalize_english(term).strip())
    parts = [_english_word(w, i == len(words) - 1) for i, w in enumerate(words)]
    return r"(?<!\w)" + r"[\s\-]+".join(parts) + r"(?!\w)"


def _english_keys(term: str) -> set[str]:
    """Tokens one of which any match of ``term`` must contain (the cheap prefilter)."""
    first = _WORD.findall(normalize_english(term))[0]
    keys = {first, first + "s", first + "es"}
    if first.endswith("y"):
        keys.add(first[:-1] + "ies")
    return keys


# --------------------------------------------------------------------------- Arabic

_TASHKEEL_CLASS = ARABIC_TASHKEEL_CLASS
_TASHKEEL = re.compile(f"[{_TASHKEEL_CLASS}]")
_ARABIC_MAP = (
    ("أ", "ا"),
    ("إ", "ا"),
    ("آ", "ا"),
    ("ٱ", "ا"),
    ("ى", "ي"),
    ("ة", "ه"),
    ("ی", "ي"),
    ("ک", "ك"),
    *_APOSTROPHES,
)
_PRESENTATION_CLASS = ARABIC_PRESENTATION_CLASS
_PRESENTATION_FORMS = re.compile(f"[{_PRESENTATION_CLASS}]")
_FOLDABLE = re.compile(f"[{_TASHKEEL_CLASS}{_PRESENTATION_CLASS}]")
# Possessive pronouns, longest first; after the -ي of a dual or plural (عينيك) the -ه is
# left out, because عصبيه is how the nisba adjective عصبية (nervousness) is normalised.
_AR_PRONOUN = "(?:هما|كما|هم|هن|ها|كم|كن|نا|ه|ك|ي)"
_AR_PRONOUN_AFTER_YA = "(?:هما|كما|هم|هن|ها|كم|كن|نا|ك)"
_AR_PRONOUN_3 = "(?:هما|هم|هن|ها|ه)"
# What a noun or adjective adds at the end, one grammatical slot after another, never a
# derivation: the nisba -ي/-ية/-يون/-يات (عصب -> عصبي "nervous") makes another word.
#   last word: dual and sound plurals (ان ين ون ات), the dual or plural before a pronoun
#   (عيناه عينيك جراحوه), tanween alef (ورمًا), a possessive pronoun (جفنك, جفني);
#   inner word: number and case, a third-person pronoun (عصبه الوجهي), and the construct
#   endings -و/-ي of a plural or dual when an article word follows (جراحي الأعصاب); a bare
#   -ي otherwise would read نصف الوجه as the adjective نصفي.
# Each pronoun list is written once per ending (ات, ا and و share one; a bare ي is in the
# list): the same words, but Python compiles a term's pattern in pure Python, and these
# endings made up most of every pattern (a third less compile time for the termbase).
# Only the set of endings matters, not the order of the alternatives: every pattern
# ends at the end of a word, so a match cannot stop short.
_AR_LAST_ENDING = f"(?:ان|ين|ون|ي{_AR_PRONOUN_AFTER_YA}|(?:ات|ا|و)?{_AR_PRONOUN}?)"
_AR_LAST_TA_ENDING = f"(?:ه|ت(?:ان|ين|ي{_AR_PRONOUN_AFTER_YA}|ا|ا?{_AR_PRONOUN})|ات{_AR_PRONOUN}?)"
_AR_BEFORE_ARTICLE = r"(?=\s+[وف]?[بكل]?(?:ال|لل))"
_AR_INNER_ENDING = f"(?:ان|ين|ون|و|ي{_AR_BEFORE_ARTICLE}|(?:ات|ا)?{_AR_PRONOUN_3}?)"
_AR_INNER_TA_ENDING = f"(?:ه|ت(?:ان|ين|ا|ي{_AR_BEFORE_ARTICLE}|{_AR_PRONOUN_3})|ات{_AR_PRONOUN_3}?)"
# The first word of a construct phrase (the mudaf: تشنج in تشنج نصف الوجه, جذع in جذع
# الدماغ) never takes the article or a pronoun, and its dual and plural lose their ن.
_AR_CONSTRUCT_ENDING = "(?:ات|ا|ي|و)?"
_AR_CONSTRUCT_TA_ENDING = "(?:ه|ت[اي]|ات)"
_AR_FIRST_PREFIX = "(?:[وف]?(?:[بك]?ال|لل|[بكل])?)"
_AR_LATER_PREFIX = "(?:[بكل]?ال|لل|[بكل])?"
_AR_CONSTRUCT_FIRST_PREFIX = "(?:[وف]?[بكل]?)"


def normalize_arabic(text: str) -> str:
    """Drop tashkeel and tatweel; unify alef, final ya and ta marbuta; lowercase Latin."""
    # One scan tells whether there is anything to fold (two in three translations have
    # neither tashkeel nor presentation forms).
    if _FOLDABLE.search(text):
        if _PRESENTATION_FORMS.search(text):
            text = unicodedata.normalize("NFKC", text)
        text = _TASHKEEL.sub("", text)
    return _replace_all(text, _ARABIC_MAP).lower()


def _has_article(word: str) -> bool:
    """Is ``word`` written with the article, or li- contracted with it (للاختلاج)?"""
    return word.startswith(("ال", "لل")) and len(word) > 3


def _arabic_word(word: str, first: bool, last: bool, construct: bool = False) -> str:
    """One word: optional clitics and article, the stem, optional suffixes."""
    if word.isascii():  # a Latin abbreviation kept inside Arabic text, e.g. MRI
        return r"(?<![a-z0-9])" + re.escape(word.lower()) + r"(?![a-z0-9])"
    if not first and word.startswith("و") and len(word) > 3:
        # Maybe the conjunction (جراح مخ وأعصاب), which the article can follow: والأعصاب.
        rest = _arabic_word(word[1:], first=False, last=last, construct=construct)
        return f"(?:و{rest}|{_arabic_word_body(word, first, last, construct)})"
    return _arabic_word_body(word, first, last, construct)


def _arabic_word_body(word: str, first: bool, last: bool, construct: bool) -> str:
    # A written article is optional like any other.
    has_article = _has_article(word)
    ta_marbuta = word.endswith("ة")
    stem = normalize_arabic(word[2:] if has_article else word)
    if ta_marbuta:
        stem = stem[:-1]
    if construct:
        prefix = _AR_CONSTRUCT_FIRST_PREFIX if first else ""
        ending = _AR_CONSTRUCT_TA_ENDING if ta_marbuta else _AR_CONSTRUCT_ENDING
    else:
        prefix = _AR_FIRST_PREFIX if first else _AR_LATER_PREFIX
        if last:
            ending = _AR_LAST_TA_ENDING if ta_marbuta else _AR_LAST_ENDING
        else:
            ending = _AR_INNER_TA_ENDING if ta_marbuta else _AR_INNER_ENDING
    return prefix + re.escape(stem) + ending


def _construct_heads(words: list[str]) -> list[bool]:
    """Which words head a construct phrase: those followed by ال… or by another head.

    تشنج نصف الوجه: تشنج and نصف; ضعف عضلات الوجه: ضعف and عضلات.  A word followed by
    لل… (مضاد للاختلاج) or by an adjective without the article (عصب وجهي) is not one.
    """
    heads = [False] * len(words)
    for i in range(len(words) - 2, -1, -1):
        word, following = words[i], words[i + 1]
        if word.isascii() or _has_article(word):
            continue
        if (following.startswith("ال") and len(following) > 3) or heads[i + 1]:
            heads[i] = True
    return heads


def arabic_pattern(term: str) -> str:
    words = unicodedata.normalize("NFC", term).split()
    last = len(words) - 1
    heads = _construct_heads(words)
    parts = [_arabic_word(w, i == 0, i == last, heads[i]) for i, w in enumerate(words)]
    # A Latin first word has its own boundary, so it may follow a clitic: الـMRI.
    start = "" if words[0].isascii() else r"(?<!\w)"
    return start + r"\s+".join(parts) + r"(?!\w)"


# --------------------------------------------------------------------------- Turkish

_TR_VOWELS = "aeıioöuü"
# Inflectional suffixes only, so derivations that change the meaning stay out: -sız
# (ağrısız "painless"), -lı (sinirli "irritable"), -lık (gözlük "glasses"), -sel.
_TR_MORPHS = sorted(
    """lar ler ı i u ü sı si su sü yı yi yu yü a e ya ye na ne da de ta te nda nde
    dan den tan ten ndan nden ın in un ün nın nin nun nün la le yla yle m ım im um üm
    ımız imiz umuz ümüz mız miz muz müz ınız iniz unuz ünüz nız niz nuz nüz ki
    dır dir dur dür tır tir tur tür dı di du dü tı ti tu tü yor r ır ir ur ür ar er
    mak mek ma me an en arak erek abil ebil""".split(),
    key=len,
    reverse=True,
)
# The buffer n only comes before a case ending (sinirine, sinirinde), never before -ti.
_TR_TAIL = "(?:'[^\\W\\d_]+|(?:" + "|".join([*_TR_MORPHS, "n(?=[aeıioöuüdl])"]) + "){0,6})"
_TR_SOFTENING = {"p": "b", "ç": "c", "t": "d", "k": "ğ", "g": "ğ"}
_TR_HARDENING = {"b": "p", "c": "ç", "d": "t", "ğ": "k"}
_TR_VERB_ENDING = "(?=[ıiuü]?yor|[ıiuüae]r|[dt][ıiuü]|[ae]n|[ae]bil)"
# Stems that lose their last vowel before a vowel-initial suffix (beyin -> beyni).
_TR_VOWEL_DROP = {"beyin": "beyn", "ağız": "ağz", "burun": "burn", "alın": "aln", "boyun": "boyn"}


# The circumflex is optional in current spelling (hâlâ/hala, uyku hâli/hali).
_TR_CIRCUMFLEX = (("â", "a"), ("î", "i"), ("û", "u"))


def turkish_lower(text: str) -> str:
    """Lowercase with Turkish dotted/dotless i (İ -> i, I -> ı), without circumflexes."""
    text = _turkish_lower_letters(_replace_all(text, _APOSTROPHES))
    return _replace_all(unicodedata.normalize("NFC", text), _TR_CIRCUMFLEX)


def _turkish_stem(word: str) -> str:
    """The last word's stem alternatives: softening, vowel drop, and the plural compound form."""
    options = [re.escape(word)]
    if word[-1] in _TR_SOFTENING:
        soft = "ng" if word.endswith("nk") else _TR_SOFTENING[word[-1]]
        cut = 2 if word.endswith("nk") else 1
        options.append(re.escape(word[:-cut] + soft) + f"(?=[{_TR_VOWELS}])")
    if word in _TR_VOWEL_DROP:
        options.append(re.escape(_TR_VOWEL_DROP[word]) + f"(?=[{_TR_VOWELS}])")
    if len(word) > 5 and word.endswith(("me", "ma")):
        # A verbal noun (seğirme, kasılma) also stands for its verb: seğiriyor, kasıldı.
        options.append(re.escape(word[:-2]) + _TR_VERB_ENDING)
    return "(?:" + "|".join(options) + ")"


def _turkish_compound_plural(word: str) -> str | None:
    """``kapağı`` -> ``kapak`` before -lar: the compound marker gives way to the plural."""
    if len(word) < 4 or word[-1] not in "ıiuü":
        return None
    cut = 2 if word[-2] == "s" and word[-3] in _TR_VOWELS else 1
    if cut == 1 and word[-2] in _TR_VOWELS:
        return None
    stem = word[:-cut]
    stem = stem[:-1] + _TR_HARDENING.get(stem[-1], stem[-1])
    return re.escape(stem) + "(?=l[ae]r)"


def turkish_pattern(term: str) -> str:
    words = turkish_lower(term).split()
    last = _turkish_stem(words[-1])
    if len(words) > 1 and (plural := _turkish_compound_plural(words[-1])):
        last = f"(?:{last}|{plural})"
    parts = [re.escape(w) for w in words[:-1]] + [last + _TR_TAIL]
    return r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)"


# --------------------------------------------------------------------------- per locale


def normalize_target(text: str, locale: str) -> str:
    """The translation in the form the target patterns are compiled against."""
    if locale == "ar":
        return normalize_arabic(text)
    if locale == "tr":
        return turkish_lower(text)
    return normalize_english(text)


def target_pattern(term: str, locale: str) -> str:
    if locale == "ar":
        return arabic_pattern(term)
    if locale == "tr":
        return turkish_pattern(term)
    return english_pattern(term)


def _verbatim_pattern(term: str, locale: str) -> str:
    """Unchanged spelling (any case); a Turkish suffix may follow after an apostrophe."""
    word = turkish_lower(term) if locale == "tr" else normalize_english(term)
    return r"(?<![^\W\d_])" + re.escape(word) + r"(?:'[^\W\d_]+)?(?![^\W\d_])"
