"""Posting limits, kept in the cache: new members get tighter ones than established members."""

import datetime

from django.conf import settings
from django.utils import timezone

from accounts.ratelimit import over_limit

NEW_MEMBER_DAYS = 7


def allow(user, action):
    """Count one `action` for `user`; False when they are over their limit for the window."""
    new = user.date_joined > timezone.now() - datetime.timedelta(days=NEW_MEMBER_DAYS)
    limit, seconds = settings.COMMUNITY_RATE_LIMITS[action]["new" if new else "member"]
    return not over_limit(f"community:rate:{action}:{user.pk}", limit, seconds)
