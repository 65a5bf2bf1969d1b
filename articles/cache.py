"""Public pages for anonymous readers (home, resources, topics, experts, articles), rendered once.

Every anonymous reader gets the same page, so it is kept whole in the cache with the content
version it was rendered at, and served only while that version is current. The version moves on
whenever a row these pages show changes, by the models' own signals: articles, experts, topics,
sources and pages, the rows behind the member count (apps.py), and the article comments,
questions and answers the community shows on them (community/versions.py). So an admin form, an
admin bulk action or a save in the shell is covered like any other write, and no caller has to
remember anything. An article scheduled for later changes no row when its time comes, so a page is
also kept only until the next scheduled publication.

The version is a number in the cache itself, moved on at once and again when the transaction
commits: a reader served in between could otherwise store the page as it was before the change
under the new version. Pages also expire after PAGE_CACHE_SECONDS, the bound on a stale page
should the cache fail to take a new version. No page holding a CSRF token or a cookie is kept.
"""

import functools
import time

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min
from django.http import HttpResponse
from django.utils import timezone

VERSION_KEY = "pages:version"


def content_changed(**kwargs):
    """Receiver (and function) for any change to what public pages show."""
    _new_version()
    transaction.on_commit(_new_version)


def _new_version():
    cache.set(VERSION_KEY, time.time_ns(), None)


def current_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        if not cache.add(VERSION_KEY, version, None):
            version = cache.get(VERSION_KEY, version)
    return version


def cached_public_page(view):
    """Serve `view` from the cache to anonymous readers asking for the page without parameters."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.GET or request.user.is_authenticated or len(messages.get_messages(request)):
            return view(request, *args, **kwargs)
        key = f"pages:page:{request.path}"
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY) or current_version()
        entry = found.get(key)
        if entry and entry[0] == version and (entry[1] is None or timezone.now() < entry[1]):
            return HttpResponse(entry[2], content_type=entry[3])
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.cookies and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            entry = (version, next_publication(), response.content, response["Content-Type"])
            cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
        return response

    return wrapper


def next_publication():
    """When the next article scheduled for later goes live (None if none is): pages change then."""
    from .models import Article

    return (
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())
        .aggregate(at=Min("published_at"))
        .get("at")
    )
