"""Counters in the shared cache for rate limits. A cache outage fails open: nothing is blocked."""

from django.core.cache import cache


def over_limit(key, limit, seconds):
    """Count one more under `key`; True once more than `limit` were counted in the window.

    The window opens with the first count and closes `seconds` later (not on the clock's minute,
    which would let a burst straddling it through twice).
    """
    cache.add(key, 0, seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, seconds)
        count = 1
    return count is not None and count > limit
