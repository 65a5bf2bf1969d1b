"""The Redis cache backend, failing open: a Redis outage makes the site slower, never unavailable.

django-redis's IGNORE_EXCEPTIONS answers `None` to everything during an outage, and `None` from
`add()` reads as "somebody holds this lock": allauth's rate limiter then answers 429 to every
sign-in, sign-up and password reset. Here each operation answers what fails open instead: `get`
its default (pages render from the database), `add` True (nothing is stored, so the lock is ours
and no counter limits anyone), writes nothing.

After FAILURES_FOR_OUTAGE failures in a row Redis is left alone for RETRY_AFTER_SECONDS (each try
could cost a connect timeout), so an outage costs little per request; it is logged once a minute
per process, not once per request, and the first success after it says the cache is back. A single
slow answer on a busy machine fails open for that one call only.
"""

import functools
import logging
import threading
import time

from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 2
FAILURES_FOR_OUTAGE = 3
LOG_EVERY_SECONDS = 60
# Any error of Redis's, those of a server that answers but refuses (out of memory with noeviction,
# MISCONF after a failed snapshot, READONLY after a failover) as much as those of one that is gone:
# a write of the site must never fail because the cache refused one of its own.
OUTAGE_ERRORS = (ConnectionInterrupted, RedisError, OSError)


class Outage:
    """One per Redis location, shared by every cache object of the process (one per thread)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.retry_at = 0.0  # monotonic: before this, don't try Redis
        self.logged_at = None
        self.failures = 0  # in a row
        self.down = False

    def skipping(self):
        return self.down and time.monotonic() < self.retry_at

    def failed(self, exc):
        now = time.monotonic()
        with self.lock:
            self.failures += 1
            if self.failures < FAILURES_FOR_OUTAGE:
                logger.info("A cache call failed (%r); answered as if the cache were empty", exc)
                return
            self.down = True
            self.retry_at = now + RETRY_AFTER_SECONDS
            if self.logged_at is None or now - self.logged_at >= LOG_EVERY_SECONDS:
                self.logged_at = now
                logger.warning(
                    "The cache (Redis) is unreachable or refusing commands (%r): pages render from the database "
                    "and rate limits let everyone through until it is back.",
                    exc,
                )

    def succeeded(self):
        self.failures = 0
        if self.down:
            with self.lock:
                if self.down:
                    self.down, self.logged_at = False, None
                    logger.warning("The cache (Redis) is back: rate limits apply again.")


OUTAGES = {}


def _default_of_get(key, default=None, *args, **kwargs):
    return default


def fails_open(fallback):
    """Run the method unless Redis is known down; on a connection failure answer `fallback(...)`."""

    def decorator(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            outage = self.outage
            if outage.skipping():
                return fallback(*args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except OUTAGE_ERRORS as exc:
                outage.failed(exc)
                return fallback(*args, **kwargs)
            outage.succeeded()
            return result

        return wrapper

    return decorator


def answer(value):
    return lambda *args, **kwargs: value


class FailOpenRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._ignore_exceptions = False  # errors reach fails_open, which knows what each should answer
        self.outage = OUTAGES.setdefault(str(server), Outage())

    get = fails_open(_default_of_get)(RedisCache.get)
    get_many = fails_open(answer({}))(RedisCache.get_many)
    has_key = fails_open(answer(False))(RedisCache.has_key)
    add = fails_open(answer(True))(RedisCache.add)
    set = fails_open(answer(False))(RedisCache.set)
    set_many = fails_open(answer([]))(RedisCache.set_many)
    touch = fails_open(answer(False))(RedisCache.touch)
    delete = fails_open(answer(False))(RedisCache.delete)
    delete_many = fails_open(answer(None))(RedisCache.delete_many)
    delete_pattern = fails_open(answer(0))(RedisCache.delete_pattern)
    clear = fails_open(answer(None))(RedisCache.clear)
    # No count during an outage: callers treat None as "not counted" (accounts.ratelimit).
    incr = fails_open(answer(None))(RedisCache.incr)
    decr = fails_open(answer(None))(RedisCache.decr)
    incr_version = fails_open(answer(None))(RedisCache.incr_version)
