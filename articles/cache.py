"""The anonymous article page, rendered once and served from the cache.

Every anonymous reader gets the same page, so it is kept whole in the cache with the content
version it was rendered at. Saving or deleting anything an article page shows (article, expert,
topic, source) moves the version on (signals in apps.py, which also catch the admin's bulk
deletes), so the next reader gets a fresh page; nothing has to know which pages to forget. The
member count on the page may lag by PAGE_CACHE_SECONDS at most.

With several processes, the cache must be shared (Redis) for an edit to reach every process at
once; the local-memory default is for a single process (`make run`).
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "articles:content-version"


def page_key(slug):
    return f"articles:page:{slug}"


def content_changed(**kwargs):
    """Move the version on now, and again when the transaction commits: a reader served in between
    would otherwise cache the page as it was before the change, under the new version."""
    _new_version()
    transaction.on_commit(_new_version)


def _new_version():
    cache.set(VERSION_KEY, time.time_ns(), None)


def get_page(slug):
    """(html, version): the cached page if it is current, else (None, the version to store under)."""
    found = cache.get_many([VERSION_KEY, page_key(slug)])
    version = found.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache.add(VERSION_KEY, version, None)
        return None, version
    cached = found.get(page_key(slug))
    if cached and cached[0] == version:
        return cached[1], version
    return None, version


def store_page(slug, version, html):
    cache.set(page_key(slug), (version, html), settings.PAGE_CACHE_SECONDS)
