"""The site search's snippet marks the word searched for, after letters that lowercase longer too
(found by a review; SQLite's plain snippet, PostgreSQL's ts_headline had it right)."""

import re

import pytest

from articles.search import substring_snippet
from tests.community.factories import PostFactory

pytestmark = pytest.mark.django_db


def test_the_substring_snippet_marks_the_word_searched_for_after_letters_that_lowercase_longer(alice_client, bob):
    """SQLite's snippet: "İ" lowercases to two characters, so the match's position in the lowercased
    text is not its position in the text."""
    PostFactory(author=bob, text="İİİİ İzmir trip: the fatigue came back after the flight.")
    html = alice_client.get("/search/", {"q": "fatigue"}).content.decode()
    [snippet] = re.findall(r'<p class="search-result__snippet">(.*?)</p>', html, re.S)
    assert re.findall(r"<mark>(.*?)</mark>", snippet) == ["fatigue"]


def test_the_substring_snippet_itself_whatever_the_database():
    """The page above goes through ts_headline on PostgreSQL: the function is checked on its own too."""
    text = "İİİİ İzmir trip: the fatigue came back after the flight."
    assert re.findall(r"<mark>(.*?)</mark>", substring_snippet(text, "fatigue")) == ["fatigue"]
