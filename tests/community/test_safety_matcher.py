"""The warning-phrase matcher, against the starting English list a new site is seeded with."""

import pytest

from community.crisis_seed import ENGLISH_PHRASES, seed_crisis_support
from community.models import CrisisResource, WarningPhrase
from community.safety import Matcher, Phrase, normalise, resources_for_region


def _split(words):
    return [w for w in (part.strip() for part in words.split(",")) if w]


SEEDED = Matcher(Phrase.build(phrase, _split(after), _split(before)) for phrase, after, before in ENGLISH_PHRASES)

MUST_MATCH = [
    "I want to end my life.",
    "i want to kill myself",
    "Some days I think about suicide.",
    "I've been feeling SUICIDAL again",
    "I just want to die",
    "I wanna die",
    "Honestly I wish I was dead",
    "Everyone would be better off without me",
    "My family would be better off if I was gone",
    "I don't want to live anymore",
    "I do not want to live any more",
    "I dont want to be alive",
    "I can't go on like this",
    "I cannot go on any more",
    "I can’t take it anymore",  # a typographic apostrophe
    "There's no reason to live",
    "I have nothing to live for now",
    "What's the point of living?",
    "Life isn't worth living with this pain",
    "I'm so tired of living",
    "I've started self-harming again",
    "I self harm when it gets bad",
    "I keep thinking about harming myself",
    "Last night I was cutting myself",
    "I want to hurt myself",
    "I'm thinking of taking my own life",
    "I might just end it all",
    "I've been stockpiling my pills",
    "I want to go to sleep and never wake up",
    "I wish I had never been born",
    "Thinking of unaliving myself... I mean, I want to unalive myself",
    "KILL   MYSELF",
    "I'm going to take an overdose",
    "I want to take my life",
    "Suïcide has been on my mind",  # accents do not hide a word
    "Ｉ ｗａｎｔ ｔｏ ｄｉｅ",  # full-width letters (NFKC)
]

NEAR_MISSES = [
    "I need to learn a new skill myself",
    "Just killing time in the waiting room",
    "This cough is killing me",
    "I'm dying to try that new café",
    "I don't want to die, I want to see my grandchildren grow up",
    "I never want to die in a hospital bed",
    "When the time comes I want to die at home, surrounded by family",
    "In the end it all worked out",
    "At the end of my life I hope to be at peace",
    "I want to take my life back from cancer",
    "I cut myself a slice of cake",
    "I hurt my back lifting boxes",
    "I don't want to live in fear of every scan",
    "I don't want to live alone after the surgery",
    "There is no reason to live in fear",
    "That would be selfish of me",
    "Self-help books were useful",
    "The side effects were harmless",
    "My appointment is overdue",
    "I'm so tired of waiting for results",
    "I can't go on holiday this year",
    "I can't take it with food",
    "It's my life and I'll live it",
    "I want to live",
    "Living with lung cancer is hard but I'm hopeful",
    "My phone died on the way to the clinic",
    "The killer whale documentary was great",
    "We watched a film about a painkiller",
    "I'm dead tired after chemo",
    "I'm hurting, but my team is helping",
    "Cutting back on sugar this month",
    "A pain in the neck",
]


@pytest.mark.parametrize("sentence", MUST_MATCH)
def test_warning_words_match(sentence):
    assert SEEDED.matches(sentence), sentence


@pytest.mark.parametrize("sentence", NEAR_MISSES)
def test_near_misses_do_not_match(sentence):
    assert not SEEDED.matches(sentence), sentence


def test_the_tables_are_long_enough():
    assert len(MUST_MATCH) >= 30 and len(NEAR_MISSES) >= 30


def test_normalising_folds_case_accents_punctuation_and_contractions():
    assert normalise("  I’m  NOT   “okay”… ") == ["im", "not", "okay"]
    assert normalise("I do not; I cannot; Crème") == ["i", "dont", "i", "cant", "creme"]


@pytest.mark.django_db
def test_the_site_matches_the_phrases_staff_keep_active():
    WarningPhrase.objects.all().delete()
    phrase = WarningPhrase.objects.create(phrase="walk into the sea", not_after="dont")
    assert Matcher.from_database().matches("Some days I want to walk into the sea")
    assert not Matcher.from_database().matches("I don't walk into the sea, it's cold")
    phrase.active = False
    phrase.save()
    assert not Matcher.from_database().matches("Some days I want to walk into the sea")


@pytest.mark.django_db
def test_a_members_region_finds_its_helplines_as_whole_words():
    seed_crisis_support(WarningPhrase, CrisisResource)
    local, international = resources_for_region("Leeds, UK")
    assert [r.name for r in local] == ["Samaritans"]
    assert [r.name for r in international] == ["Find A Helpline"]
    assert [r.name for r in resources_for_region("Ohio, USA")[0]] == ["988 Suicide & Crisis Lifeline"]
    # "us" inside another word, an unknown place, or no region: the international ones only.
    for region in ["Houston", "Kyoto", "", None]:
        local, international = resources_for_region(region)
        assert local == [] and international, region
    # The placeholder is off until staff fill it in.
    assert resources_for_region("Auckland, New Zealand")[0] == []
