"""The one search box (/search/): articles for everyone, community content for members, only what
each member may see. Stemming, ranking and the GIN plan are PostgreSQL's (skipped on SQLite,
failed in CI where DATABASE_URL is PostgreSQL and REQUIRE_SERVICES=1)."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Diagnosis
from accounts.services import get_profile
from articles.models import Article, Paragraph
from community import services
from community.models import Visibility
from tests.admin_forms import submit_change_form
from tests.community.factories import AnswerFactory, ArticleCommentFactory, CommentFactory, PostFactory, QuestionFactory
from tests.conftest import skip_or_fail
from tests.factories import ArticleFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        skip_or_fail("full-text search is PostgreSQL's: DATABASE_URL is not PostgreSQL")


def results(client, query, **params):
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    return re.findall(r'<li class="search-result">(.*?)</li>', response.content.decode(), re.S)


def titles(client, query, **params):
    return [
        re.search(r'class="search-result__title"[^>]*>(.*?)</a>', item).group(1)
        for item in results(client, query, **params)
    ]


# Articles: every field, for everyone


def test_a_word_only_in_an_articles_body_finds_it(client):
    ArticleFactory(title="Bones and cancer", body="Cancer can weaken bones.\n\nA fracture may heal slowly.")
    ArticleFactory(title="Eating well")
    assert titles(client, "fracture") == ["Bones and cancer"]


def test_a_word_only_in_an_articles_sources_finds_it(client):
    article = ArticleFactory(title="Radiation therapy")
    SourceFactory(article=article, title="Stereotactic radiotherapy outcomes", publisher="Lancet Oncology")
    ArticleFactory(title="Eating well")
    assert titles(client, "stereotactic") == ["Radiation therapy"]
    assert titles(client, "lancet") == ["Radiation therapy"]


def test_drafts_and_scheduled_articles_are_not_found(client):
    from datetime import timedelta

    ArticleFactory(title="Draft about fatigue", status="draft", reviewer=None, reviewed_at=None)
    ArticleFactory(title="Later about fatigue", published_at=timezone.now() + timedelta(days=2))
    ArticleFactory(title="Fatigue now")
    assert titles(client, "fatigue") == ["Fatigue now"]


def test_stemming_fractures_finds_an_article_that_says_fracture(client, postgres):
    ArticleFactory(title="Bones and cancer", body="A fracture may heal slowly.")
    assert titles(client, "fractures") == ["Bones and cancer"]
    assert titles(client, "healing") == ["Bones and cancer"]


def test_a_title_match_ranks_above_a_body_match(client, postgres):
    ArticleFactory(title="Living day to day", body="Some people notice breathlessness when climbing stairs.")
    ArticleFactory(title="Breathlessness", body="What helps when you are short of air.")
    assert titles(client, "breathlessness") == ["Breathlessness", "Living day to day"]


def test_websearch_syntax_phrases_and_exclusions(client, postgres):
    ArticleFactory(title="Scan day", body="How to prepare for a scan day.")
    ArticleFactory(title="Day trips", body="A scan of the best days out; day one.")
    assert titles(client, '"scan day"') == ["Scan day"]
    assert titles(client, "day -trips") == ["Scan day"]


def snippet_of(client, query):
    (item,) = results(client, query)
    return re.search(r'class="search-result__snippet">(.*?)</p>', item, re.S).group(1)


def test_an_articles_snippet_is_the_paragraph_that_matched_however_the_text_changes(client, postgres):
    """The snippet is cut from the best-matching paragraph (articles.Paragraph, written by a trigger):
    the paragraphs follow the text on every path, a queryset update in the shell included."""
    filler = "\n\n".join(f"Paragraph {n} is about something else entirely." for n in range(40))
    article = ArticleFactory(title="Living day to day", lead="Small steps.", body=f"{filler}\n\nA pelican came by.")
    snippet = snippet_of(client, "pelicans")
    assert "<mark>pelican</mark> came" in snippet
    assert "something else" not in snippet  # not the start of the text: the paragraph that matched

    Article.objects.filter(pk=article.pk).update(body=f"{filler}\n\nA heron and a pelican, <b>together</b>.")
    snippet = snippet_of(client, "pelican")
    assert "heron and a <mark>pelican</mark>, &lt;b&gt;together" in snippet

    assert snippet_of(client, "living").startswith("Small steps.")  # only the title matched: the start


# Found by a review of the paragraph snippets.


def test_words_in_different_paragraphs_show_the_paragraph_holding_most_of_them(client, postgres):
    filler = "\n\n".join(f"Paragraph {n} is about something else entirely." for n in range(40))
    body = f"{filler}\n\nA heron.\n\nA pelican came by, and a gull.\n\nLater a heron."
    ArticleFactory(title="Birds", lead="Small steps.", body=body)
    assert snippet_of(client, "pelican heron") == "<mark>heron</mark>"  # one word each: the first such
    snippet = snippet_of(client, "pelican gull heron")
    assert "<mark>pelican</mark> came by, and a <mark>gull</mark>" in snippet  # two of the three


def test_a_long_paragraph_holding_some_of_the_words_has_them_marked(client, postgres):
    """Such a paragraph has no passage where all the words meet: its snippet must still show one."""
    words = " ".join(f"word{n}" for n in range(60))
    ArticleFactory(title="Birds", lead="Small steps.", body=f"{words} pelican {words}\n\n{words} heron {words}")
    snippet = snippet_of(client, "pelican heron")
    assert "<mark>pelican</mark>" in snippet or "<mark>heron</mark>" in snippet, snippet


def test_the_text_shown_for_a_title_or_source_match_keeps_its_greater_than_sign(client, postgres):
    article = ArticleFactory(title="Radiotherapy doses", lead="Doses > 5 Gy a day are rare.", body="Other words.")
    SourceFactory(article=article, title="Stereotactic outcomes")
    assert "Doses &gt; 5 Gy" in snippet_of(client, "radiotherapy")  # the title only
    assert "Doses &gt; 5 Gy" in snippet_of(client, "stereotactic")  # a source only


def test_an_article_saved_in_the_admin_is_split_into_paragraphs_too(client, staff, postgres):
    """Browsers send a textarea's line breaks as CRLF."""
    filler = "\n\n".join(f"Paragraph {n} is about something else entirely." for n in range(40))
    article = ArticleFactory(title="Birds", lead="Small steps.", body=f"{filler}\n\nA pelican came by.")
    client.force_login(staff)
    submit_change_form(client, f"/admin/articles/article/{article.pk}/change/", body=article.body.replace("\n", "\r\n"))
    article.refresh_from_db()
    assert "\r\n" in article.body
    client.logout()
    snippet = snippet_of(client, "pelicans")
    assert "<mark>pelican</mark> came" in snippet
    assert "something else" not in snippet, snippet


def test_an_articles_delete_page_lists_no_paragraphs_and_they_go_with_it(client, staff, postgres):
    article = ArticleFactory(title="Birds", body="One.\n\nTwo.\n\nThree.")
    client.force_login(staff)
    page = client.get(f"/admin/articles/article/{article.pk}/delete/").content.decode()
    assert "Birds" in page and "Paragraph" not in page
    client.post(f"/admin/articles/article/{article.pk}/delete/", {"post": "yes"})
    assert not Article.objects.filter(pk=article.pk).exists()
    assert not Paragraph.objects.filter(article_id=article.pk).exists()


def test_dumpdata_then_loaddata_restores_the_articles(postgres, tmp_path):
    first = ArticleFactory(title="First", body="One.\n\nTwo.")
    ArticleFactory(title="Second", body="Three.\n\nFour.")
    Article.objects.filter(pk=first.pk).update(body="One, edited.\n\nTwo.")  # its paragraphs get new ids
    dump = tmp_path / "articles.json"
    call_command("dumpdata", "articles", output=str(dump), verbosity=0)
    Article.objects.all().delete()
    call_command("loaddata", str(dump), verbosity=0)
    assert sorted(Article.objects.values_list("title", flat=True)) == ["First", "Second"]
    assert sorted(Paragraph.objects.values_list("text", flat=True))[:2] == ["Four.", "One, edited."]
    texts = Paragraph.objects.exclude(text__startswith="What to expect").values_list("text", flat=True)
    assert sorted(texts) == ["Four.", "One, edited.", "Three.", "Two."]  # each once, the edit's text


def test_a_source_change_is_searchable_at_once(client, postgres):
    """The database keeps the article's vector current when its sources change (trigger)."""
    article = ArticleFactory(title="Radiation therapy")
    source = SourceFactory(article=article, title="A trial")
    assert titles(client, "stereotactic") == []
    source.title = "Stereotactic trial"
    source.save()
    assert titles(client, "stereotactic") == ["Radiation therapy"]
    source.delete()
    assert titles(client, "stereotactic") == []


def test_an_edited_title_is_searchable_at_once(client, postgres):
    article = ArticleFactory(title="Old title")
    article.title = "Immunotherapy explained"
    article.save()
    assert titles(client, "immunotherapy") == ["Immunotherapy explained"]


# Community content: members only, and only what they may see


def test_anonymous_readers_find_articles_only(client, alice):
    ArticleFactory(title="Coping with fatigue")
    PostFactory(author=alice, text="My fatigue is better")
    QuestionFactory(author=alice, title="Fatigue after radiation?")
    body = client.get("/search/", {"q": "fatigue"}).content.decode()
    assert titles(client, "fatigue") == ["Coping with fatigue"]
    assert "My fatigue is better" not in body
    assert "Log in</a> to search the community" in body


def test_members_find_updates_questions_answers_and_comments(alice_client, alice, bob):
    ArticleFactory(title="Coping with fatigue")
    post = PostFactory(author=bob, text="The fatigue lifted this week")
    CommentFactory(post=post, author=bob, text="Fatigue comes and goes for me")
    question = QuestionFactory(author=bob, title="Fatigue after radiation?", details="")
    AnswerFactory(question=question, author=alice, text="Fatigue eased after a month")
    ArticleCommentFactory(article=ArticleFactory(title="Sleep"), author=bob, text="Naps fight fatigue")
    found = " ".join(results(alice_client, "fatigue"))
    for text in (
        "Coping with fatigue",
        "<mark>fatigue</mark> lifted this week",
        "Fatigue after radiation?",
        "Answer to “Fatigue after radiation?”",
        "comes and goes",
        "Comment by Bob on “Sleep”",
    ):
        assert text.lower() in found.lower(), text


def test_staff_find_each_comment_once(client, staff, bob):
    """Staff see every comment (no visibility filter), on updates and on articles: each found once."""
    CommentFactory(post=PostFactory(author=bob, text="A walk"), author=bob, text="Fatigue on an update")
    ArticleCommentFactory(article=ArticleFactory(title="Sleep"), author=bob, text="Naps fight fatigue")
    client.force_login(staff)
    found = results(client, "fatigue")
    assert len(found) == 2, found
    assert sum("Comment by Bob on “Sleep”" in item for item in found) == 1
    assert sum("Comment by Bob on an update" in item for item in found) == 1


def test_a_hidden_update_and_one_held_for_review_are_not_found_by_others(alice_client, bob_client, alice, bob):
    PostFactory(author=bob, text="Zebra crossing hidden", status=Visibility.HIDDEN)
    PostFactory(author=bob, text="Zebra crossing held", status=Visibility.HELD)
    PostFactory(author=bob, text="Zebra crossing shown")
    assert [r for r in results(alice_client, "zebra") if "hidden" in r or "held" in r] == []
    assert len(results(alice_client, "zebra")) == 1
    # Their author still finds them, marked as such.
    own = " ".join(results(bob_client, "zebra"))
    assert "hidden by moderators" in own and "waiting for a moderator" in own


def test_comments_under_a_hidden_update_are_not_found(alice_client, bob):
    post = PostFactory(author=bob, text="Something", status=Visibility.HIDDEN)
    CommentFactory(post=post, author=bob, text="Zebra comment under a hidden update")
    assert results(alice_client, "zebra") == []


def test_a_muted_members_updates_comments_and_answers_are_not_found(alice_client, alice, bob):
    PostFactory(author=bob, text="Giraffe update")
    CommentFactory(post=PostFactory(author=alice, text="Mine"), author=bob, text="Giraffe comment")
    AnswerFactory(question=QuestionFactory(author=alice), author=bob, text="Giraffe answer")
    assert len(results(alice_client, "giraffe")) == 3
    services.toggle_mute(user=alice, member=bob)
    assert results(alice_client, "giraffe") == []


def test_members_searching_one_after_another_each_get_their_own_view(client, alice, bob):
    """The search statement is built once per process and shared (accounts/sql.py: Statement): each
    member's own id, mutes and held updates must still decide what they find, whoever searched
    first. Alice and Carol mute one member each (the same shape of statement)."""
    carol, dave = UserFactory(display_name="Carol"), UserFactory(display_name="Dave")
    PostFactory(author=bob, text="Heron by Bob")
    PostFactory(author=dave, text="Heron by Dave")
    PostFactory(author=alice, text="Heron held by Alice", status=Visibility.HELD)
    PostFactory(author=carol, text="Heron held by Carol", status=Visibility.HELD)
    services.toggle_mute(user=alice, member=bob)
    services.toggle_mute(user=carol, member=dave)

    def found(member):
        client.force_login(member)
        return sorted(titles(client, "heron"))

    for _ in range(2):  # each after the other, both ways round
        assert found(alice) == ["Update by Alice", "Update by Dave"]  # her own held update, not Bob's
        assert found(carol) == ["Update by Bob", "Update by Carol"]
    assert found(bob) == ["Update by Bob", "Update by Dave"]  # no mutes: another shape


def test_a_suspended_members_hidden_content_is_not_found(alice_client, bob):
    from accounts.services import suspend_member

    PostFactory(author=bob, text="Miracle cure update")
    AnswerFactory(author=bob, text="Miracle cure answer")
    assert len(results(alice_client, "miracle")) == 2
    suspend_member(user=bob, reason="Spam", hide_content=True)
    assert results(alice_client, "miracle") == []


def test_another_members_private_profile_details_never_match(alice_client, bob):
    profile = get_profile(bob)
    profile.diagnosis = Diagnosis.objects.create(name="Mesothelioma")
    profile.diagnosis_visibility = "private"
    profile.about = "Mesothelioma since 2021, living in Glasgow"
    profile.region = "Glasgow"
    profile.save()
    PostFactory(author=bob, text="A good walk today")
    assert results(alice_client, "mesothelioma") == []
    assert results(alice_client, "glasgow") == []


def test_a_script_in_an_update_shows_as_text_in_its_snippet(alice_client, bob):
    PostFactory(author=bob, text='Feeling <script>alert("owned")</script> brave <b>today</b>')
    CommentFactory(author=bob, text="<img src=x onerror=alert(1)> brave")
    body = alice_client.get("/search/", {"q": "brave"}).content.decode()
    assert "<script>alert" not in body and "<img src=x" not in body and "<b>today" not in body
    assert "&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;" in body
    assert "<mark>brave</mark>" in body


# Odd input and paging


@pytest.mark.parametrize(
    "params",
    [
        {"q": ""},
        {"q": "a"},
        {"q": "x" * 2000},
        {"q": "!!!"},
        {"q": "&|!():*<>'\""},
        {"q": "or -"},
        {"q": "fatigue", "page": "abc"},
        {"q": "fatigue", "page": "99999"},
        {"q": "fatigue", "page": "-3"},
        {"q": "fatigue", "page": "9" * 40},
    ],
)
def test_odd_queries_and_pages_give_a_page_never_an_error(client, alice_client, alice, params):
    """(A NUL character gets the site's bad-request page, as in any address: tests/test_bad_addresses.py.)"""
    ArticleFactory(title="Fatigue")
    PostFactory(author=alice, text="fatigue!")
    for c in (client, alice_client):
        response = c.get("/search/", params)
        assert response.status_code == 200
        assert 'name="q"' in response.content.decode()


def test_a_very_long_query_is_shortened_and_says_so(client):
    ArticleFactory(title="Fatigue")
    body = client.get("/search/", {"q": "fatigue " + "x" * 2000}).content.decode()
    assert "Only the first 200 characters were searched." in body


def test_results_come_in_pages(alice_client, alice):
    for n in range(23):
        PostFactory(author=alice, text=f"Otter number {n}")
    first = results(alice_client, "otter")
    second = results(alice_client, "otter", page=2)
    third = results(alice_client, "otter", page=3)
    assert (len(first), len(second), len(third)) == (10, 10, 3)
    assert not set(first) & set(second)
    body = alice_client.get("/search/", {"q": "otter", "page": 99999}).content.decode()
    assert "No more results" in body


def test_the_old_community_search_address_goes_to_the_one_box(alice_client):
    response = alice_client.get("/activities/search/", {"q": "fatigue"})
    assert response.status_code == 302
    assert response["Location"] == "/search/?q=fatigue"


def test_the_community_tabs_link_to_the_search(alice_client):
    body = alice_client.get("/activities/").content.decode()
    assert '<a href="/search/">Search</a>' in body


# Cost


def test_the_search_page_costs_the_same_queries_for_few_or_many_matches(alice_client, alice, bob):
    def add(n):
        # One equal match of each kind per round, newest last: every page of 10 shows all five kinds.
        for _ in range(n):
            ArticleFactory(title="Facts", lead="Fatigue", published_at=timezone.now())
            post = PostFactory(author=bob, text="Fatigue")
            CommentFactory(post=post, author=bob, text="Fatigue")
            AnswerFactory(question=QuestionFactory(author=bob, title="Tired?", details="Fatigue"), text="Fatigue")

    def count():
        alice_client.get("/search/?q=fatigue")  # warm per-process caches (member count, session)
        with CaptureQueriesContext(connection) as captured:
            response = alice_client.get("/search/?q=fatigue")
        assert response.status_code == 200
        return len(captured), response.content.decode().count('class="search-result"')

    add(1)
    small, shown = count()
    add(6)
    large, shown_large = count()
    assert (shown, shown_large) == (5, 10)
    kinds = re.findall(r'class="search-result__kind">(\w+)', alice_client.get("/search/?q=fatigue").content.decode())
    assert set(kinds) == {"Article", "Update", "Comment", "Question", "Answer"}
    assert large == small
    assert small <= 10  # session, user, mutes, the ranked page of keys, one load per kind shown


def test_the_search_uses_the_gin_index_over_10000_updates(alice, bob, postgres):
    """EXPLAIN on a realistic volume (10,000 updates, the bench's), not with seqscan disabled: the
    planner must choose the GIN index itself for a word few updates contain, as it will in
    production. ANALYZE first so it knows the table's size."""
    from community.demo.seed import seed_volume
    from community.search import RANKED, ranked
    from community.services import muted_ids

    members = [alice, bob, *UserFactory.create_batch(3)]
    seed_volume(10, members)  # 10,000 updates, 20,000 comments
    post = PostFactory(author=bob, text="A kingfisher by the river")
    CommentFactory(post=post, author=alice, text="Kingfishers are lovely")
    with connection.cursor() as cursor:
        for table, index in (("community_post", "post_search_idx"), ("community_comment", "comment_search_idx")):
            # What autovacuum does after a bulk insert: merge GIN's pending list into the index
            # (otherwise the planner prices in scanning the list) and update the statistics.
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
            cursor.execute(f"ANALYZE {table}")
    # The statement ranked() runs for a member (built once per process: accounts/sql.py).
    sql, params = RANKED.sql(query="kingfishers", now=timezone.now(), user=alice, muted=muted_ids(alice))
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql} LIMIT 11", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Bitmap Index Scan on post_search_idx" in plan, plan
    assert "Bitmap Index Scan on comment_search_idx" in plan, plan
    assert "Seq Scan on community_post" not in plan and "Seq Scan on community_comment" not in plan, plan
    found = ranked(alice, "kingfishers", limit=11)
    assert sorted(kind for _rank, kind, _pk, _when in found) == ["comment", "update"]
