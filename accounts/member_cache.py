"""Small facts about the signed-in member, kept in the cache and fetched together.

Several apps keep a per-member fact in the cache (is their address confirmed, how many unread
notifications, whom they muted), asked on nearly every page. Each registers its key pattern once;
MemberCacheMiddleware then fetches all of them in one round trip at the start of a signed-in
request, and `remember` answers from that batch before asking the cache again.
"""

from django.core.cache import cache

PATTERNS = []
TIMEOUT = 3600


def register(pattern):
    """`pattern` has one {} for the member's id; returns it, for use as a constant."""
    PATTERNS.append(pattern)
    return pattern


def prefetch(user):
    keys = [pattern.format(user.pk) for pattern in PATTERNS]
    user._member_cache = cache.get_many(keys)


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


class MemberCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            prefetch(user)
        return self.get_response(request)
