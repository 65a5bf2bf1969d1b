"""Fixed-window counters in the shared cache. A cache outage fails open: sign-ups still work."""

import hashlib

from django.core.cache import cache

HOUR, DAY = 3600, 86400


def _over(key, limit, seconds):
    cache.add(key, 0, seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, seconds)
        count = 1
    return count is not None and count > limit


def ip_over_limit(ip, limit):
    return _over(f"newsletter:rate:ip:{ip}", limit, HOUR)


def address_over_limit(email, limit):
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    return _over(f"newsletter:rate:address:{digest}", limit, DAY)
