"""The signed-in member's own row and small facts, fetched from the cache in one round trip.

Nearly every page asks who the member is (their `User` row, for the session check) and a few small
facts about them (is their address confirmed, how many unread notifications, whom they muted). Each
app registers its fact's key pattern once. MemberCacheMiddleware reads the member's id from the
session and fetches the row and all the facts together; `cached_user` (through our authentication
backends) and `remember` answer from that batch before asking the cache or the database.

The cached row is a copy taken straight from the database, dropped whenever the row is saved or
deleted (and again when that transaction commits). It also expires after USER_TIMEOUT, which bounds
how long a copy re-cached by a request racing with a change could live. Django still checks the
session against the copy's password hash on every request, as it would against the database row.
"""

from contextvars import ContextVar

from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.db import transaction

PATTERNS = []
TIMEOUT = 3600
USER_KEY = "accounts:user:{}"
USER_TIMEOUT = 60

# (member id as the session holds it, {key: value}) for the request being served.
_batch = ContextVar("member_cache_batch", default=None)


def register(pattern):
    """`pattern` has one {} for the member's id; returns it, for use as a constant."""
    PATTERNS.append(pattern)
    return pattern


def remember(user, pattern, compute):
    """The cached value for this member, computing and storing it when missing."""
    key = pattern.format(user.pk)
    batch = getattr(user, "_member_cache", None)
    value = batch.get(key) if batch is not None else cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
        if batch is not None:
            batch[key] = value
    return value


def forget(user_id, pattern):
    cache.delete(pattern.format(user_id))


def cached_user(user_id, load):
    """The member's `User` for this request: the cached copy, or `load()` (and cache it).

    Only inside a request that MemberCacheMiddleware prepared for this same member; anywhere else
    (tasks, commands, sign-in itself) it is simply `load()`.
    """
    current = _batch.get()
    if current is None or current[0] != str(user_id):
        return load()
    batch = current[1]
    key = USER_KEY.format(user_id)
    user = batch.get(key)
    if user is None:
        user = load()
        if user is None:
            return None
        cache.set(key, user, USER_TIMEOUT)  # a fresh copy, before anything is attached to it
    user._member_cache = batch
    return user


def forget_user(user_id):
    key = USER_KEY.format(user_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def user_changed(sender, instance, **kwargs):
    """post_save / post_delete of the user model."""
    forget_user(instance.pk)


class MemberCacheMiddleware:
    """Goes right after AuthenticationMiddleware, before anything asks for request.user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user_id = request.session.get(SESSION_KEY)
        if user_id is None:
            return self.get_response(request)
        keys = [USER_KEY.format(user_id), *(pattern.format(user_id) for pattern in PATTERNS)]
        token = _batch.set((str(user_id), cache.get_many(keys)))
        try:
            return self.get_response(request)
        finally:
            _batch.reset(token)
