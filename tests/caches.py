"""Helpers for tests of cached pages: empty every cache, count a page's queries cold and warm."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext


def clear():
    # Never FLUSHDB: the Redis database is shared with Celery's queues.
    if hasattr(cache, "delete_pattern"):
        cache.delete_pattern("*")
    else:
        cache.clear()


def count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def cold_and_warm(client, url):
    """(queries with every cache empty, queries again once that request filled them, and queries once
    a write elsewhere retired every member's kept pages but left the rest warm: community/pages.py)."""
    from community.versions import MEMBER_PAGES

    clear()
    cold, warm = count_queries(client, url), count_queries(client, url)
    MEMBER_PAGES.new()
    return cold, warm, count_queries(client, url)


def body(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def body_with_status(client, url):
    response = client.get(url)
    return f"{response.status_code}\n{response.content.decode()}"


def cached_equals_fresh(client, url):
    """The page (status and text) as served through its caches, and rendered with every cache empty."""
    cached = body_with_status(client, url)
    clear()
    return cached, body_with_status(client, url)
