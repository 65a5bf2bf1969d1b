"""Sign-up limits per IP address and per e-mail address (counters in accounts.ratelimit)."""

import hashlib

from accounts.ratelimit import over_limit

HOUR, DAY = 3600, 86400


def ip_over_limit(ip, limit):
    return over_limit(f"newsletter:rate:ip:{ip}", limit, HOUR)


def address_over_limit(email, limit):
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    return over_limit(f"newsletter:rate:address:{digest}", limit, DAY)
