from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Source
from tests.factories import ArticleFactory, TopicFactory

pytestmark = pytest.mark.django_db


def article_form(author, reviewer=None, **overrides):
    data = {
        "title": "Questions to ask at your next visit",
        "slug": "questions-to-ask",
        "lead": "A short list to bring along.",
        "body": "Intro.\n\n## Before the visit\n\nWrite them down.",
        "author": author.pk,
        "reviewer": reviewer.pk if reviewer else "",
        "reviewed_at_0": "",
        "reviewed_at_1": "",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "hero_alt": "",
        "hero_caption": "",
        "hero_credit": "",
        "sources-TOTAL_FORMS": "1",
        "sources-INITIAL_FORMS": "0",
        "sources-MIN_NUM_FORMS": "0",
        "sources-MAX_NUM_FORMS": "1000",
        "sources-0-position": "1",
        "sources-0-title": "Lung cancer overview",
        "sources-0-publisher": "NCI",
        "sources-0-url": "https://www.cancer.gov/types/lung",
        "sources-0-year": "2024",
    }
    data.update(overrides)
    return data


def test_staff_create_review_preview_and_publish_an_article(client, staff, author, reviewer):
    client.force_login(staff)
    topic = TopicFactory()
    response = client.post("/admin/articles/article/add/", article_form(author, topics=[topic.pk]), follow=True)
    assert response.status_code == 200
    article = Article.objects.get(slug="questions-to-ask")
    assert article.status == Article.Status.DRAFT
    assert Source.objects.filter(article=article, title="Lung cancer overview").exists()
    assert client.get("/resources/questions-to-ask/").status_code == 404

    client.post("/admin/articles/article/", {"action": "send_to_review", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW

    preview = client.get(f"/resources/preview/{article.pk}/")
    assert preview.status_code == 200
    assert "Questions to ask at your next visit" in preview.content.decode()
    assert "this article is <strong>in review</strong>" in preview.content.decode()
    assert 'content="noindex, nofollow"' in preview.content.decode()

    # An hour ago, whatever the time of day: a fixed 09:00 today was in the future before 09:00,
    # and the form refused it.
    reviewed = timezone.now() - timedelta(hours=1)
    client.post(
        f"/admin/articles/article/{article.pk}/change/",
        article_form(
            author,
            reviewer,
            topics=[topic.pk],
            reviewed_at_0=reviewed.strftime("%Y-%m-%d"),
            reviewed_at_1=reviewed.strftime("%H:%M:%S"),
            status="in_review",
            **{"sources-INITIAL_FORMS": "0", "sources-TOTAL_FORMS": "0"},
        ),
    )
    response = client.post(
        "/admin/articles/article/", {"action": "publish", "_selected_action": [article.pk]}, follow=True
    )
    assert "1 article(s) published." in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert client.get("/resources/questions-to-ask/").status_code == 200


def test_admin_refuses_to_publish_without_review_and_says_why(client, staff, author):
    client.force_login(staff)
    response = client.post("/admin/articles/article/add/", article_form(author, status="published"))
    assert response.status_code == 200  # the form again, with errors
    body = response.content.decode()
    assert "A published article must name its medical reviewer." in body
    assert "A published article must have the date of its medical review." in body
    assert not Article.objects.exists()


def test_publish_action_skips_unreviewed_articles_with_a_message(client, staff, author):
    client.force_login(staff)
    draft = ArticleFactory(author=author, reviewer=None, reviewed_at=None, status=Article.Status.DRAFT)
    response = client.post(
        "/admin/articles/article/", {"action": "publish", "_selected_action": [draft.pk]}, follow=True
    )
    assert "was not published: it has no medical reviewer and it has no review date." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_admin_list_filters_and_search(client, staff, article):
    client.force_login(staff)
    response = client.get("/admin/articles/article/", {"q": article.title[:10], "status__exact": "published"})
    assert response.status_code == 200
    assert article.title in response.content.decode()
    assert (
        client.get(
            "/admin/autocomplete/",
            {
                "term": "Rafael",
                "app_label": "articles",
                "model_name": "article",
                "field_name": "reviewer",
            },
        )
        .json()["results"][0]["text"]
        .startswith("Rafael Reviewer")
    )


def test_members_and_visitors_cannot_reach_the_admin_or_previews(client, member, article):
    for url in ["/admin/", "/admin/articles/article/", f"/resources/preview/{article.pk}/"]:
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url
    client.force_login(member)
    for url in ["/admin/articles/article/", f"/resources/preview/{article.pk}/"]:
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url
    response = client.post("/admin/articles/article/", {"action": "publish", "_selected_action": [article.pk]})
    assert response.status_code == 302


def test_the_article_list_shows_each_articles_true_state(client, staff, author, reviewer):
    import datetime
    import re

    now = timezone.now()
    ArticleFactory(title="A draft", status=Article.Status.DRAFT, author=author, reviewer=reviewer)
    ArticleFactory(title="Being reviewed", status=Article.Status.IN_REVIEW, author=author, reviewer=reviewer)
    ArticleFactory(
        title="Out next week", published_at=now + datetime.timedelta(days=7), author=author, reviewer=reviewer
    )
    ArticleFactory(title="Out already", published_at=now - datetime.timedelta(days=7), author=author, reviewer=reviewer)
    client.force_login(staff)
    body = client.get("/admin/articles/article/").content.decode()
    states = dict(
        re.findall(r'<th class="field-title"><a [^>]*>([^<]+)</a></th>.*?article-state--\w+">([^<]+)</span>', body)
    )
    assert states == {
        "A draft": "Draft",
        "Being reviewed": "In review",
        "Out next week": "Scheduled",
        "Out already": "Published",
    }
    for state, titles in {
        "scheduled": ["Out next week"],
        "published": ["Out already"],
        "draft": ["A draft"],
        "in_review": ["Being reviewed"],
    }.items():
        listed = re.findall(
            r'<th class="field-title"><a [^>]*>([^<]+)</a>',
            client.get(f"/admin/articles/article/?state={state}").content.decode(),
        )
        assert listed == titles, state


def test_the_admin_carries_the_sites_name_colours_and_shortcuts(client, staff, settings):
    client.force_login(staff)
    body = client.get("/admin/").content.decode()
    assert f"{settings.SITE_NAME} admin" in body and "Django administration" not in body
    assert "/static/css/admin-theme.css" in body
    assert 'href="/admin/community/report/?status__exact=open">Moderation queue</a>' in body
    assert 'href="/admin/insights/">Community health</a>' in body
    assert "<style" not in body and "<script>" not in body  # nothing inline: the CSP holds
    assert client.get("/admin/community/report/?status__exact=open").status_code == 200
