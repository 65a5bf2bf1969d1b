"""Posting limits, kept in the cache: new members get tighter ones than established members."""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

NEW_MEMBER_DAYS = 7


def allow(user, action):
    """Count one `action` for `user`; False when they are over their limit for the window."""
    new = user.date_joined > timezone.now() - datetime.timedelta(days=NEW_MEMBER_DAYS)
    limit, seconds = settings.COMMUNITY_RATE_LIMITS[action]["new" if new else "member"]
    # The window opens with the first action and closes `seconds` later (not on the clock's minute,
    # which would let a burst straddling it through twice).
    key = f"community:rate:{action}:{user.pk}"
    cache.add(key, 0, seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # the key vanished (eviction, cache outage): fail open
        return True
    return count is None or count <= limit
