"""Signed-in pages kept whole for each member (community/pages.py): what their key covers, and what
is never kept. That a kept page equals the same page rendered with every cache empty after each way
of writing is tests/community/test_cache_versions.py's."""

import re

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.services import get_profile
from articles.models import Article, Expert, Page, Source, Topic
from community import fragments, queries, safety, services
from community import pages as member_pages
from community.models import Notification
from community.versions import shown_on_member_pages
from tests import caches
from tests.community.factories import AnswerFactory, CommentFactory, PostFactory, QuestionFactory
from tests.factories import TopicFactory, UserFactory, verify_email

pytestmark = pytest.mark.django_db

# Read to build the key or to serve the request, shown on the page only as the key has them.
KEY_INPUTS = {Session, Notification}
# What the public pages' version (articles/apps.py), also in the key, moves on with.
PUBLIC = {Article, Article.topics.through, Expert, Source, Topic, Page}
TABLE = re.compile(r'(?:FROM|JOIN)\s+"?(\w+)"?', re.IGNORECASE)


@pytest.fixture
def pages(alice, bob):
    carol, dave = (verify_email(UserFactory(display_name=name)) for name in ("Carol", "Dave"))
    for member in (alice, bob, carol, dave):
        get_profile(member)
    post = PostFactory(author=bob, text="Bob's walk by the sea")
    CommentFactory(post=post, author=carol, text="Carol says well done")
    CommentFactory(post=post, author=dave, text="Dave says hello")
    services.toggle_hug(user=alice, target=post)
    services.toggle_mute(user=alice, member=dave)
    services.toggle_team(user=alice, member=bob)
    PostFactory(author=alice, text="Alice's own news")
    question = QuestionFactory(author=bob, title="Bob asks about breathing", topic=TopicFactory(slug="breathing"))
    services.toggle_hug(user=alice, target=AnswerFactory(question=question, author=carol))
    return ["/activities/", "/activities/?view=team", "/activities/?view=questions", f"/questions/{question.pk}/"]


def test_every_table_a_kept_page_reads_moves_its_key_on(alice_client, pages):
    """A kept page is current while the versions in its key are: each table it reads when rendered
    must be one whose writes move one of them on, or an input of the key itself."""
    models = {model._meta.db_table: model for model in apps.get_models(include_auto_created=True)}
    allowed = set(shown_on_member_pages()) | PUBLIC | KEY_INPUTS
    for url in pages:
        caches.clear()
        with CaptureQueriesContext(connection) as queries:
            assert alice_client.get(url).status_code == 200
        read = {models[table] for query in queries for table in TABLE.findall(query["sql"]) if table in models}
        assert read - allowed == set(), url


def test_a_kept_page_is_served_without_rendering_and_with_this_sessions_token(alice, pages, monkeypatch):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    rendered = []
    render_posts = fragments.render_posts
    monkeypatch.setattr(fragments, "render_posts", lambda *a, **k: rendered.append(1) or render_posts(*a, **k))
    first = client.get("/activities/").content.decode()
    kept = client.get("/activities/").content.decode()
    assert rendered == [1] and "Bob&#x27;s walk by the sea" in kept and "Dave says hello" not in kept
    assert "__CSRF_TOKEN__" not in kept and "__CSRF_TOKEN__" not in first
    # What the cache holds has no token in it, nor the session's key.
    pieces = cache.get(member_pages.page_key(alice.pk, "/activities/"))[2]
    held = "".join(piece if isinstance(piece, str) else piece.decode() for piece in pieces)
    assert set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]*)"', held)) == {"__CSRF_TOKEN__"}
    assert client.cookies["sessionid"].value not in held
    # The kept page's forms work: its token is this session's (a hug, and posting an update).
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', kept)[1]
    response = client.post("/activities/", {"csrfmiddlewaretoken": token, "text": "Posted from a kept page"})
    assert response.status_code == 302
    assert "Posted from a kept page" in client.get("/activities/").content.decode()  # the post moved it on


def test_each_member_is_served_their_own_page(alice_client, bob_client, pages):
    alice_page = alice_client.get("/activities/").content.decode()
    bob_page = bob_client.get("/activities/").content.decode()
    assert alice_page != bob_page
    # Bob sees Dave's comment (only Alice muted him), and no hug of his own pressed.
    assert "Dave says hello" in bob_page and 'aria-pressed="true"' not in bob_page
    assert "Dave says hello" not in alice_page and 'aria-pressed="true"' in alice_page


def test_the_unread_count_is_never_kept(alice, alice_client, bob, pages):
    assert 'class="badge"' not in alice_client.get("/activities/").content.decode()
    services.notify(recipient=alice, actor=bob, kind="hug")  # a row no kept page shows but the count
    assert '<span class="badge">1<' in alice_client.get("/activities/").content.decode()
    services.mark_notifications_read(user=alice)
    assert 'class="badge"' not in alice_client.get("/activities/").content.decode()


def test_a_message_is_shown_once_and_never_kept(alice_client, pages, monkeypatch):
    question = pages[-1]
    answer = re.search(r'href="/report/answer/(\d+)/"', alice_client.get(question).content.decode())[1]
    rendered = []
    question_answers = queries.question_answers
    monkeypatch.setattr(queries, "question_answers", lambda *a: rendered.append(1) or question_answers(*a))
    alice_client.get(question)  # kept
    assert rendered == []
    # A report changes nothing the page shows, so it is still current, but the message must show.
    response = alice_client.post(f"/report/answer/{answer}/", {"reason": "Selling a cure"}, follow=True)
    assert "Our moderators will look at it soon" in response.content.decode() and rendered == [1]
    again = alice_client.get(question).content.decode()
    assert "Our moderators will look at it soon" not in again and rendered == [1]  # the kept page


def test_the_crisis_panel_is_shown_once_and_never_kept(alice_client, pages):
    alice_client.get("/activities/")  # kept
    session = alice_client.session
    session[safety.SUPPORT_SESSION_KEY] = True
    session.save()
    assert 'class="crisis-panel"' in alice_client.get("/activities/").content.decode()
    assert 'class="crisis-panel"' not in alice_client.get("/activities/").content.decode()


def test_staff_pages_are_never_kept(staff, pages, monkeypatch):
    client = Client()
    client.force_login(staff)
    rendered = []
    render_posts = fragments.render_posts
    monkeypatch.setattr(fragments, "render_posts", lambda *a, **k: rendered.append(1) or render_posts(*a, **k))
    client.get("/activities/")
    client.get("/activities/")
    assert rendered == [1, 1]


def test_a_transaction_writing_many_rows_moves_the_version_on_once_at_commit(bob):
    from django.db import transaction

    from community.versions import MEMBER_PAGES

    with transaction.atomic():
        for n in range(30):
            services.toggle_hug(user=bob, target=PostFactory(text=f"Update {n}"))
        connection_ = transaction.get_connection()
        at_commit = [callback for _, callback, _ in connection_.run_on_commit if callback == MEMBER_PAGES.new]
    assert len(at_commit) == 1
