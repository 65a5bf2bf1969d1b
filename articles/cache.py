"""Public pages for anonymous readers (home, resources, topics, experts, articles), rendered once.

Every anonymous reader gets the same page, so it is kept whole in the cache with the content
version it was rendered at, and served only while that version is current. The version moves on
whenever a row these pages show changes, by the models' own signals: articles, experts, topics,
sources and pages, the rows behind the member count (apps.py), and the article comments,
questions and answers the community shows on them (community/versions.py). So an admin form, an
admin bulk action or a save in the shell is covered like any other write, and no caller has to
remember anything. An article scheduled for later changes no row when its time comes, so a page is
also kept only until the next scheduled publication.

One write path is not covered: confirming e-mail addresses by a queryset update or bulk_create of
allauth's EmailAddress (in the shell) sends no signal, and the model is allauth's, so it cannot be
given a queryset that sends one as accounts.models gives User. The member count then follows when
the page expires. Reading the count on every request would cover it, but costs several times the
cached page (in-process, PostgreSQL + Redis, median of 300 requests of `/`, 2026-11-30: 0.47 ms as
is, 1.98 ms with the count, 6.90 ms with 10,000 members; 0.83 and 1.23 ms counting confirmed
addresses in plain SQL), before the connection check a request's first query adds in production.

The version is a number in the cache itself, moved on at once and again when the transaction
commits: a reader served in between could otherwise store the page as it was before the change
under the new version. Pages also expire after PAGE_CACHE_SECONDS, the bound on a stale page
should the cache fail to take a new version. No page holding a CSRF token or a cookie is kept.

Each process also keeps its own copy of the pages it served (at most LOCAL_PAGES), under the same
rule: a copy is served only while its version is the one the shared cache holds now, and only until
the same expiry. So a page's bytes cross from Redis only when its version moves (a sixth of an
anonymous page's time: bench/README.md). Versions are random, never reused, so a copy can never
match a version it was not rendered at. The version itself is not asked of Redis on every request:
each process keeps it until Redis tells it the version changed (config/cache.py Watch), so a kept
page is served without a round trip.
"""

import functools
import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min
from django.http import HttpResponse
from django.utils import timezone

VERSION_KEY = "pages:version"
LOCAL_PAGES = 200
_copies = {}  # this process's pages: path -> (version, expires, content, content type)


class Version:
    """A random version kept in the cache under `key`, moved on at once and again at commit."""

    def __init__(self, key):
        self.key = key

    def move_on(self, **kwargs):
        """Receiver (and function) for any change to what the pages keyed by this version show."""
        self.new()
        connection = transaction.get_connection()
        # Once per transaction at commit, however many rows it writes (a member's erasure: thousands).
        # Robust: the write has committed by then, and a version that failed to move must not fail it.
        if connection.in_atomic_block and all(callback != self.new for _, callback, _ in connection.run_on_commit):
            transaction.on_commit(self.new, robust=True)

    def new(self):
        cache.set(self.key, uuid.uuid4().hex, None)

    def current(self):
        """The version now: read from this process's memory while Redis has said nothing of a change
        (config/cache.py Watch), from the cache itself when that is not Redis."""
        version = getattr(cache, "get_watched", cache.get)(self.key)
        if version is None:
            version = uuid.uuid4().hex
            if not cache.add(self.key, version, None):
                version = cache.get(self.key, version)
        return version


PUBLIC = Version(VERSION_KEY)
content_changed = PUBLIC.move_on
current_version = PUBLIC.current


def cached_public_page(view):
    """Serve `view` from the cache to anonymous readers asking for the page without parameters."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.GET or request.user.is_authenticated or len(messages.get_messages(request)):
            return view(request, *args, **kwargs)
        key = f"pages:html:{request.path}"  # (version, expires, content, content type)
        version = current_version()
        entry = _copies.get(key)
        if not _current(entry, version):
            entry = cache.get(key)
            if _current(entry, version):
                _keep_copy(key, entry)
        if _current(entry, version):
            return HttpResponse(entry[2], content_type=entry[3])
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.cookies and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            expires = timezone.now() + timedelta(seconds=settings.PAGE_CACHE_SECONDS)
            entry = (version, min(expires, next_publication() or expires), response.content, response["Content-Type"])
            cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
            _keep_copy(key, entry)
        return response

    return wrapper


def _current(entry, version):
    return entry is not None and entry[0] == version and timezone.now() < entry[1]


def _keep_copy(key, entry):
    _copies.pop(key, None)
    while len(_copies) >= LOCAL_PAGES:
        del _copies[next(iter(_copies))]  # the copy kept longest ago
    _copies[key] = entry


def next_publication():
    """When the next article scheduled for later goes live (None if none is): pages change then."""
    from .models import Article

    return (
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())
        .aggregate(at=Min("published_at"))
        .get("at")
    )
