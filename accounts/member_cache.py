"""The signed-in member's own row and small facts, fetched from the cache in one round trip.

Nearly every page asks who the member is (their `User` row, for the session check) and a few small
facts about them (is their address confirmed, how many unread notifications, whom they muted). Each
app registers its fact's key pattern once. MemberCacheMiddleware reads the member's id from the
session and fetches the row and all the facts together; `cached_user` (through our authentication
backends) and `remember` answer from that batch before asking the cache or the database.

The cached row is a copy taken straight from the database. Whenever the row is saved or deleted,
its key is overwritten with a marker (again when that transaction commits) that keeps copies out for
CHANGED_SECONDS: a request that read the row just before the change cannot put its stale copy back
(copies are only ever added, never overwritten). Copies also expire after USER_TIMEOUT, the bound
if the cache itself failed to take the marker. Django still checks the session against the copy's
password hash on every request, as it would against the database row; that hash (salted, slow to
test) therefore sits in the cache too, beside the sessions the cache already holds.
"""

from contextvars import ContextVar

from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY
from django.core.cache import cache
from django.db import transaction

PATTERNS = []
TIMEOUT = 3600
USER_KEY = "accounts:user:{}"
USER_TIMEOUT = 60
CHANGED = "changed"
CHANGED_SECONDS = 10
# Sessions signed in before our backends existed name Django's and allauth's own.
LEGACY_BACKENDS = {
    "django.contrib.auth.backends.ModelBackend": "accounts.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend": "accounts.backends.AuthenticationBackend",
}

# (member id as the session holds it, {key: value}) for the request being served.
_batch = ContextVar("member_cache_batch", default=None)


def register(pattern):
    """`pattern` has one {} for the member's id; returns it, for use as a constant."""
    PATTERNS.append(pattern)
    return pattern


def remember(user, pattern, compute):
    """The cached value for this member, computing and storing it when missing."""
    key = pattern.format(user.pk)
    batch = _batch_for(user.pk)
    value = batch.get(key) if batch is not None else cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
        if batch is not None:
            batch[key] = value
    return value


def forget(user_id, pattern):
    """Drop the fact now, and again when the transaction commits: a page served in between could
    otherwise cache what it read before the change."""
    key = pattern.format(user_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def cached_user(user_id, load):
    """The member's `User` for this request: the cached copy, or `load()` (and cache it).

    Only inside a request that MemberCacheMiddleware prepared for this same member; anywhere else
    (tasks, commands, sign-in itself) it is simply `load()`.
    """
    batch = _batch_for(user_id)
    if batch is None:
        return load()
    user = batch.get(USER_KEY.format(user_id))
    if user is None or user == CHANGED:
        user = load()
        if user is not None:
            store_user(user)  # a fresh copy, before anything is attached to it
    return user


def _batch_for(user_id):
    """What MemberCacheMiddleware fetched for this member in the current request, if anything."""
    current = _batch.get()
    return current[1] if current is not None and current[0] == str(user_id) else None


def store_user(user):
    """Add the copy unless the key is taken: by another copy, or by the marker of a recent change."""
    cache.add(USER_KEY.format(user.pk), user, USER_TIMEOUT)


def forget_user(user_id):
    key = USER_KEY.format(user_id)
    cache.set(key, CHANGED, CHANGED_SECONDS)
    transaction.on_commit(lambda: cache.set(key, CHANGED, CHANGED_SECONDS))


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
        backend = LEGACY_BACKENDS.get(request.session.get(BACKEND_SESSION_KEY))
        if backend:
            request.session[BACKEND_SESSION_KEY] = backend
        keys = [USER_KEY.format(user_id), *(pattern.format(user_id) for pattern in PATTERNS)]
        token = _batch.set((str(user_id), cache.get_many(keys)))
        try:
            return self.get_response(request)
        finally:
            _batch.reset(token)
