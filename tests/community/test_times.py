"""Times as people say them, inside <time datetime>; cached fragments carry their date only."""

import datetime
import re

import pytest
from django.template import Context, Template

from community import fragments, pages
from community.models import Post, Question
from community.times import relative_time, time_element, words_for
from tests.community.factories import PostFactory, QuestionFactory

NOW = datetime.datetime(2026, 3, 14, 12, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("ago", "words"),
    [
        (datetime.timedelta(seconds=0), "just now"),
        (datetime.timedelta(seconds=59), "just now"),
        (datetime.timedelta(seconds=-20), "just now"),  # a clock slightly ahead
        (datetime.timedelta(minutes=1), "1 minute ago"),
        (datetime.timedelta(minutes=5, seconds=40), "5 minutes ago"),
        (datetime.timedelta(minutes=59, seconds=59), "59 minutes ago"),
        (datetime.timedelta(hours=1), "1 hour ago"),
        (datetime.timedelta(hours=3, minutes=20), "3 hours ago"),
        (datetime.timedelta(hours=23, minutes=59), "23 hours ago"),
        (datetime.timedelta(days=2), "12 March"),
        (datetime.timedelta(days=365 + 2), "12 March 2025"),
    ],
)
def test_relative_time_at_a_frozen_moment(ago, words):
    assert relative_time(NOW - ago, NOW) == words
    # The same words for the ISO moment of a <time datetime>, as kept pages say them when served.
    assert words_for((NOW - ago).isoformat(), NOW, NOW.year) == words


def test_the_time_element_carries_the_iso_moment():
    html = time_element(NOW - datetime.timedelta(minutes=5), now=NOW)
    assert html == (
        '<time datetime="2026-03-14T11:55:00+00:00" title="14 March 2026, 11:55" data-relative>5 minutes ago</time>'
    )
    # For cached HTML: the date alone, which stays true; static/js/time.js makes it relative.
    assert ">14 March</time>" in time_element(NOW - datetime.timedelta(minutes=5), now=NOW, relative=False)


def test_the_when_tag_renders_in_templates():
    html = Template("{% when moment %}").render(Context({"moment": datetime.datetime.now(datetime.UTC)}))
    assert html.startswith("<time datetime=") and ">just now</time>" in html


@pytest.mark.django_db
def test_the_question_list_says_how_long_ago_a_question_was_asked(alice_client):
    question = QuestionFactory(title="Does the cough get better?")
    Question.objects.filter(pk=question.pk).update(
        created_at=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=5, seconds=30)
    )
    body = alice_client.get("/questions/").content.decode()
    assert re.search(r'<time datetime="[^"]+" title="[^"]+" data-relative>5 minutes ago</time>', body)
    assert "0 minutes" not in body


@pytest.mark.django_db
def test_a_kept_feed_says_its_times_as_of_each_request(alice_client, monkeypatch):
    """The feed is kept whole (community/pages.py) and its updates' fragments for an hour: the words
    are said again from each <time datetime> when the page is served, so they never go stale."""
    post = PostFactory(text="Scan results next week")
    Post.objects.filter(pk=post.pk).update(created_at=NOW - datetime.timedelta(seconds=30))
    rendered = []
    render_posts = fragments.render_posts
    monkeypatch.setattr(fragments, "render_posts", lambda *a, **k: rendered.append(1) or render_posts(*a, **k))

    def feed_at(moment):
        monkeypatch.setattr(pages, "clock", lambda: moment)
        body = alice_client.get("/activities/").content.decode()
        entry = body[body.index('<article class="post"') :]
        return re.search(r'<time datetime="[^"]+" title="[^"]+" data-relative>([^<]*)</time>', entry)[1], body

    assert feed_at(NOW)[0] == "just now"
    words, body = feed_at(NOW + datetime.timedelta(minutes=4))
    assert words == "4 minutes ago"
    assert len(rendered) == 1  # served from the kept page, not rendered again
    assert feed_at(NOW + datetime.timedelta(hours=3))[0] == "3 hours ago"
    assert feed_at(NOW + datetime.timedelta(days=2))[0] == "14 March"
    assert "/static/js/time.js" in body  # and the browser keeps them true while the page stays open


@pytest.mark.django_db
def test_the_hug_button_draws_its_icon_from_our_svg_sprite_not_an_emoji(alice_client):
    PostFactory(text="Scan results next week")
    body = alice_client.get("/activities/").content.decode()
    button = body[body.index('<button type="submit" class="hug"') :].split("</button>", 1)[0]
    assert '<use href="/static/img/icons.svg#hug">' in button
    assert not re.search("[\U0001f300-\U0001faff]", body)  # no emoji anywhere on the page
