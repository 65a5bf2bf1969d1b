import json
import os

import pytest
from django.db import connection

from articles.models import Page
from tests.conftest import skip_or_fail
from tests.factories import ArticleFactory, UserFactory, verify_email

pytestmark = pytest.mark.django_db


def test_home_shows_who_it_is_for_member_count_and_latest_articles(client):
    for user in UserFactory.create_batch(2):
        verify_email(user)
    ArticleFactory(title="Newest article")
    body = client.get("/").content.decode()
    assert "Connect with others who understand" in body
    assert "2 members" in body
    assert "Newest article" in body
    assert "Caregivers" in body
    assert 'href="/accounts/signup/"' in body
    assert "Get updates directly to your inbox" in body


@pytest.mark.parametrize("slug", ["about", "privacy", "terms", "guidelines"])
def test_editable_pages_show_what_staff_wrote(client, slug):
    Page.objects.create(slug=slug, title=f"The {slug} page", body="## Hello\n\nWritten by *staff*.")
    body = client.get(f"/{slug}/").content.decode()
    assert f"The {slug} page" in body
    assert "Written by <em>staff</em>." in body


def test_robots_txt_points_at_sitemap_and_keeps_community_out(client):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in body
    assert "Disallow: /activities/" in body


def test_sitemap_lists_articles_with_absolute_urls(client, article):
    body = client.get("/sitemap.xml").content.decode()
    assert f"{article.get_absolute_url()}</loc>" in body


def test_feed_is_atom_with_the_latest_articles(client, article):
    response = client.get("/feeds/articles/")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert article.title in response.content.decode()


def test_healthz_reports_database_and_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_healthz_returns_503_when_the_cache_is_down(client, settings):
    from django.core.cache import caches

    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.FailOpenRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5},
        }
    }
    caches._settings = None  # rebuild from the overridden settings
    try:
        caches["default"] = caches.create_connection("default")
        response = client.get("/healthz")
    finally:
        del caches["default"]
    assert response.status_code == 503
    data = json.loads(response.content)
    assert data["database"] == "ok" and data["cache"].startswith("error")


def test_pages_send_security_headers(client, article):
    response = client.get(article.get_absolute_url())
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_no_third_party_addresses_in_public_pages(client, article):
    for url in ["/", "/resources/", article.get_absolute_url()]:
        body = client.get(url).content.decode()
        for host in ["googleapis", "gstatic", "cdn.", "unpkg", "jsdelivr", "google-analytics"]:
            assert host not in body, (url, host)


def test_services_named_in_the_environment_are_the_ones_in_use():
    """In CI, DATABASE_URL and REDIS_URL must really be PostgreSQL and Redis, not the fallbacks."""
    from django.core.cache import cache

    if not os.environ.get("DATABASE_URL") or not os.environ.get("REDIS_URL"):
        skip_or_fail("DATABASE_URL and REDIS_URL are not set")
    assert connection.vendor == "postgresql"
    cache.set("service-check", "yes", 5)
    assert cache.get("service-check") == "yes"
    assert cache.client.get_client().ping()


def test_a_form_sent_without_its_token_gets_our_page_saying_what_to_do(member):
    """Found by a bad-input hunt: Django's bare "CSRF verification failed" page, with nothing to do."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = client.post("/activities/", {"text": "hi"})
    page = response.content.decode()
    assert response.status_code == 403 and "The form could not be sent" in page and "Go back" in page
    assert "CSRF verification failed" not in page
    assert "<title>The form could not be sent | Kindred</title>" in page and "Log out" in page  # the site's own layout
