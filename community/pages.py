"""Signed-in pages (the feed, a question) kept whole for each member, served while nothing they show changed.

The rule every cache in Kindred follows: a cached value is keyed by a version that changes whenever
a row it shows changes, moved on at the model layer. Here that is one version for the whole
community, versions.MEMBER_PAGES, held by the database: the model signals and querysets of every row
these pages show move it on (community/versions.py), at once and again when the transaction commits.
A member's page is kept under their id and the address asked for, and
served only while the community's version, the public pages' version (articles, topics) and the
member's unread count are the ones it was rendered at, and for at most PAGE_CACHE_SECONDS (the bound
on a page kept while the cache refused a new public version). Any write in the community (a hug, a new
update, someone's new name) retires every member's pages: on a quiet site they are served from the
cache, on a busy one they render as before, at the cost of one more cache write.

What differs from one request to the next is put in on the way out, never kept:
- the CSRF token of every form (kept as a placeholder);
- the words of every time ("5 minutes ago", "just now"): kept as `<time datetime>` with any words,
  they are said again from the datetime when the page is served.

Not kept: pages for staff (what they see depends on their powers), answers to anything but a GET,
pages with a message or the crisis panel waiting to be shown (they show once), anything but a 200.
"""

import functools
import hashlib
import re
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone

from articles.cache import PUBLIC

from . import safety
from .fragments import CSRF_PLACEHOLDER as PLACEHOLDER
from .fragments import csrf_input
from .services import unread_count
from .times import words_for
from .versions import MEMBER_PAGES

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
# community/times.py time_element: member text is escaped, so it can never hold this markup.
TIME = re.compile(r'(<time datetime="([^"]+)" title="[^"]*" data-relative>)[^<]*(</time>)')


def cached_member_page(*, queries=()):
    """Serve the view to a signed-in member from their cached copy of the page, while it is current.
    Kept only at its own address, or with one of `queries` as the whole query string: an address a
    member makes up (another page of the feed, a parameter the page ignores) renders as before, so
    nobody can fill the cache with copies of their pages."""
    return functools.partial(_cached_member_page, queries=("", *queries))


def _cached_member_page(view, queries):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.META.get("QUERY_STRING", "") not in queries or not kept(request):
            return view(request, *args, **kwargs)
        user = request.user
        key = page_key(user.pk, request.get_full_path())
        entry = cache.get(key)  # (versions and unread count, expires, content, content type)
        # Read before the page renders: a write meanwhile moves a version on, retiring what is kept.
        unread = request.unread_notifications = unread_count(user)
        at = (MEMBER_PAGES.current(), PUBLIC.current(), unread)
        now = clock()
        if entry is not None and entry[0] == at and now < entry[1]:
            return HttpResponse(served(request, entry[2], now), content_type=entry[3])
        response = view(request, *args, **kwargs)
        if response.status_code != 200 or response.cookies:
            return response
        pieces = kept_pieces(response.content.decode())
        expires = now + timedelta(seconds=settings.PAGE_CACHE_SECONDS)
        cache.set(key, (at, expires, pieces, response["Content-Type"]), settings.PAGE_CACHE_SECONDS)
        response.content = served(request, pieces, now)
        return response

    return wrapper


# Named in every key: a release that changes what an entry holds must change it, or the processes
# it starts would read entries the last release wrote.
ENTRY_FORMAT = 2


def page_key(user_id, full_path):
    return f"members:page:{ENTRY_FORMAT}:" + hashlib.sha256(f"{user_id}:{full_path}".encode()).hexdigest()


def clock():
    """Now (a function of its own, so that tests can say when a kept page is served)."""
    return timezone.now()


def kept(request):
    user = request.user
    return (
        request.method == "GET"
        and user.is_authenticated
        and not user.is_staff
        and safety.SUPPORT_SESSION_KEY not in request.session
        and not len(messages.get_messages(request))
    )


def kept_pieces(html):
    """The page as kept: UTF-8 pieces around the moments of its times, [text, `<time …>`, ISO moment,
    `</time>`, text, …], its CSRF tokens replaced by the placeholder."""
    pieces = TIME.split(TOKEN.sub(PLACEHOLDER, html))
    return [piece if n % 4 == 2 else piece.encode() for n, piece in enumerate(pieces)]


def served(request, pieces, now):
    """The kept page with this request's CSRF token, and its times said as of `now`."""
    year = timezone.localtime(now).year
    parts = []
    for n in range(0, len(pieces) - 1, 4):
        text, opening, moment, closing = pieces[n : n + 4]
        parts += (text, opening, words_for(moment, now, year).encode(), closing)
    parts.append(pieces[-1])
    token = csrf_input(get_token(request)).encode()
    return b"".join(parts).replace(PLACEHOLDER.encode(), token)
