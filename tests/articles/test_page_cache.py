"""The public page cache's copies kept in each process follow the same rule as the shared cache:
served only at the current version and only until the page's expiry."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from articles import cache as page_cache
from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def retitle_behind_the_cache(article, title):
    """A write this process's signals never see (another process, or SQL typed into psql)."""
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {Article._meta.db_table} SET title = %s WHERE id = %s", [title, article.pk])  # noqa: S608


def test_a_page_kept_by_this_process_is_not_served_once_another_process_moved_the_version(client):
    article = ArticleFactory(title="Breathing exercises", slug="breathing")
    assert "Breathing exercises" in client.get("/resources/breathing/").content.decode()
    retitle_behind_the_cache(article, "Breathing, gently")
    assert "Breathing exercises" in client.get("/resources/breathing/").content.decode()  # served from the cache

    page_cache.PUBLIC.new()  # what the other process's save did to the shared version

    assert "Breathing, gently" in client.get("/resources/breathing/").content.decode()


def test_a_page_kept_by_this_process_expires_when_the_shared_one_does(client, settings, monkeypatch):
    article = ArticleFactory(title="Breathing exercises", slug="breathing")
    assert "Breathing exercises" in client.get("/resources/breathing/").content.decode()
    retitle_behind_the_cache(article, "Breathing, gently")

    later = timezone.now() + datetime.timedelta(seconds=settings.PAGE_CACHE_SECONDS + 1)
    monkeypatch.setattr(page_cache.timezone, "now", lambda: later)

    assert "Breathing, gently" in client.get("/resources/breathing/").content.decode()


def test_a_page_is_kept_only_until_the_next_scheduled_article_goes_live(client):
    ArticleFactory(title="Out now", slug="out-now")
    soon = ArticleFactory(title="Out in a minute", slug="out-soon")
    Article.objects.filter(pk=soon.pk).update(published_at=timezone.now() + datetime.timedelta(minutes=1))
    assert "Out in a minute" not in client.get("/resources/").content.decode()

    with connection.cursor() as cursor:  # the minute passes: no row changes, no signal fires
        cursor.execute(
            f"UPDATE {Article._meta.db_table} SET published_at = %s WHERE id = %s",  # noqa: S608
            [timezone.now() - datetime.timedelta(seconds=1), soon.pk],
        )
    later = timezone.now() + datetime.timedelta(minutes=2)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(page_cache.timezone, "now", lambda: later)
        assert "Out in a minute" in client.get("/resources/").content.decode()


def test_each_process_keeps_a_bounded_number_of_pages(client, monkeypatch):
    monkeypatch.setattr(page_cache, "LOCAL_PAGES", 2)
    monkeypatch.setattr(page_cache, "_copies", {})
    ArticleFactory(slug="breathing")
    for url in ["/", "/resources/", "/resources/breathing/"]:
        assert client.get(url).status_code == 200
    assert sorted(page_cache._copies) == ["pages:html:/resources/", "pages:html:/resources/breathing/"]
