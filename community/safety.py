"""Crisis support: does member text match a warning phrase, and which helplines to offer whom.

Matching is on normalised words, never substrings: both the text and each phrase become a list of
tokens (case-folded, NFKC, accents and punctuation gone, apostrophes dropped so "don't" and "dont"
are one word, "do not" folded into "dont"), and a phrase matches where its tokens appear in a row.
So "kill myself" never matches "skill myself", and "killing time" matches nothing. A phrase's
exceptions (words just before or just after it) turn known near misses away: "don't want to die"
is a fear many members share, not a wish.

A false positive costs a moderator one click; the member is never stopped or slowed.
"""

import re
import unicodedata
from dataclasses import dataclass

from .crisis_seed import EMERGENCY_NOTE  # noqa: F401 (shown with the resources everywhere)
from .models import CrisisResource, WarningPhrase

# Set for one page after a member's words matched: that page shows them the crisis panel.
SUPPORT_SESSION_KEY = "community:offer-support"

_APOSTROPHES = re.compile(r"['\u2019\u2018\u02bc`\u00b4]")
_NOT_WORD = re.compile(r"[^\w]+|_+")

# Two-word forms folded into the one-word contraction, so that a phrase written either way
# matches text written either way ("I do not want to live" / "dont want to live").
_FOLDED_PAIRS = {
    ("do", "not"): "dont",
    ("does", "not"): "doesnt",
    ("did", "not"): "didnt",
    ("can", "not"): "cant",
    ("is", "not"): "isnt",
    ("was", "not"): "wasnt",
    ("were", "not"): "werent",
    ("will", "not"): "wont",
    ("would", "not"): "wouldnt",
    ("i", "am"): "im",
    ("what", "is"): "whats",
    ("there", "is"): "theres",
}
_FOLDED_WORDS = {
    "cannot": ["cant"],
    "wanna": ["want", "to"],
    "gonna": ["going", "to"],
    "selfharm": ["self", "harm"],
    "anymore": ["any", "more"],
}


def normalise(text):
    """The words of `text`, as a list of comparable tokens."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _APOSTROPHES.sub("", text)
    # Accents off: decompose, drop the combining marks.
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    words = []
    for word in _NOT_WORD.sub(" ", text).split():
        words.extend(_FOLDED_WORDS.get(word, [word]))
    tokens = []
    for word in words:
        if tokens and (tokens[-1], word) in _FOLDED_PAIRS:
            tokens[-1] = _FOLDED_PAIRS[(tokens[-1], word)]
        else:
            tokens.append(word)
    return tokens


@dataclass(frozen=True)
class Phrase:
    tokens: tuple
    not_after: tuple = ()  # each a tuple of tokens
    not_before: tuple = ()

    @classmethod
    def build(cls, phrase, not_after=(), not_before=()):
        def each(words):
            return tuple(t for t in (tuple(normalise(w)) for w in words) if t)

        return cls(tuple(normalise(phrase)), each(not_after), each(not_before))

    def found_in(self, tokens):
        size = len(self.tokens)
        if not size:
            return False
        for start in range(len(tokens) - size + 1):
            if tuple(tokens[start : start + size]) != self.tokens:
                continue
            before, after = tokens[:start], tokens[start + size :]
            if any(tuple(before[-len(words) :]) == words for words in self.not_after):
                continue
            if any(tuple(after[: len(words)]) == words for words in self.not_before):
                continue
            return True
        return False


class Matcher:
    def __init__(self, phrases):
        self.phrases = [phrase for phrase in phrases if phrase.tokens]

    @classmethod
    def from_database(cls):
        """The active warning phrases of every language (members write in any)."""
        return cls(Phrase.build(row.phrase, *row.exceptions()) for row in WarningPhrase.objects.filter(active=True))

    def matches(self, *texts):
        tokens = normalise(" \n ".join(t for t in texts if t))
        if not tokens:
            return False
        present = set(tokens)
        return any(phrase.tokens[0] in present and phrase.found_in(tokens) for phrase in self.phrases)


def text_of(thing):
    """The words a member wrote in an update (its picture's description too), comment, question or answer."""
    return [getattr(thing, name, "") or "" for name in ("title", "details", "text", "image_alt")]


def needs_support(thing):
    return Matcher.from_database().matches(*text_of(thing))


# Whom to offer what


def resources_for_region(region):
    """(resources for the member's region, international resources): both active only.

    `region` is the free text of a member's profile ("Leeds, UK"); a resource belongs to it when
    one of its region words appears in it as whole words.
    """
    resources = list(CrisisResource.objects.active())
    international = [r for r in resources if r.is_international]
    tokens = normalise(region or "")
    local = [
        r
        for r in resources
        if not r.is_international
        and tokens
        and any(Phrase.build(word).found_in(tokens) for word in r.region_words_list())
    ]
    return local, international


def resources_by_region():
    """Every active resource grouped for the public page: [(region name, [resources])], the
    international ones first."""
    groups = {}
    for resource in CrisisResource.objects.active().order_by("region_name", "sort_order", "name"):
        name = "International" if resource.is_international else resource.region_name or resource.region
        groups.setdefault(name, []).append(resource)
    international = groups.pop("International", [])
    return ([("International", international)] if international else []) + list(groups.items())
