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

A key read on every request (the public pages' version, articles/cache.py) is read with
`get_watched`, which each process answers from its own memory while Redis has said nothing of a
change to it (Watch, below).
"""

import functools
import logging
import os
import threading
import time

import redis
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import RedisError, ResponseError

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


# The longest a watched value is kept without an answer from Redis on the watch's own connection.
# Redis's notes make a change known at once; this bounds the cost of a note held up on its way (a
# link gone silent, a lost packet being sent again): after it, a PING, whose answer comes after
# every note Redis sent before it, or an error that drops the connection and what it kept.
CONFIRM_SECONDS = 0.05
ASK = object()  # Watch.get's answer when the key must be asked for the plain way
TRACKING = ("CLIENT", "TRACKING", "ON")
# Settings of django-redis's pool that belong to it alone: the watch's connection is not the pool's.
PER_POOL = ("maint_notifications", "himport")


def clock():
    """Monotonic seconds (a function of its own, so that tests can say when)."""
    return time.monotonic()


class Watch:
    """Values this process read from Redis, kept in its memory until Redis says one of them changed.

    Asking Redis for the public pages' version on every request was most of a cached anonymous
    page's time (in-process, 2026-11-30: 0.47 ms a page, 0.19 without the question; under wrk 0.45
    against 0.70 of the floor). Redis can instead tell a connection when a key it read changes
    (client-side caching, CLIENT TRACKING: https://redis.io/docs/latest/develop/reference/client-side-caching/).

    Each process reads these keys on one connection of its own with tracking on, and keeps what it
    read until something arrives on that connection: a note that a key read there changed (written,
    deleted, expired, evicted or flushed, by anyone), or the connection's end. Looking for it is a
    read of the socket that does not wait. Every CONFIRM_SECONDS of use, a PING makes sure nothing
    is held up on the way. An error, a new connection or a new process drops every value kept, so
    nothing is kept from a connection that was not watching.

    - This process's own writes forget every value at once (FailOpenRedisCache), so it reads what it
      wrote without waiting for the note.
    - Another process's write is seen when its note arrives: at once on a working link, within
      CONFIRM_SECONDS on one that holds it up.
    - A thread that finds another using the connection asks Redis the plain way, as does a process
      whose Redis will not track (CLIENT disabled) or sends no notes (a proxy): on connecting, the
      watch changes a key of its own and waits for the note before it keeps anything.
    """

    def __init__(self, pool, probe):
        self.pool = pool  # django-redis's connection pool, whose settings the watch's connection copies
        self.probe = probe  # a key of its own, changed to see that notes come through
        self.lock = threading.Lock()
        self.connection = None
        self.values = {}
        self.confirmed_at = 0.0  # when the last command answered on the connection was sent
        self.refused = False

    def get(self, key):
        """The value of `key` (its full name in Redis), None if there is none, or ASK."""
        if self.refused or not self.lock.acquire(blocking=False):
            return ASK
        try:
            self.read_notes()
            if self.connection is None:
                self.connection = self.connect()
            if self.values and clock() - self.confirmed_at >= CONFIRM_SECONDS:
                self.ask("PING")
            if key not in self.values:
                value = self.ask("GET", key)  # watched from this read on
                self.values[key] = value
            return self.values[key]
        except BaseException:
            self.drop()
            raise
        finally:
            self.lock.release()

    def read_notes(self):
        """Whatever Redis sent unasked: notes of changes (to noted), or the end of the connection."""
        if self.connection is None:
            return
        try:
            while self.connection.can_read(timeout=0):  # a note also reaches noted(); anything else counts too
                self.connection.read_response(push_request=True)
                self.values.clear()
        except redis.ConnectionError:  # closed by the server (a restart, its idle timeout): connect again
            self.drop()

    def ask(self, *command):
        """Redis's answer to `command`; a note arriving before it goes to noted() on the way."""
        sent_at = clock()
        self.connection.send_command(*command)
        answer = self.connection.read_response()
        self.confirmed_at = sent_at
        return answer

    def noted(self, note):
        self.values.clear()

    def connect(self):
        pool = self.pool()
        settings = {
            **{name: value for name, value in pool.connection_kwargs.items() if not name.startswith(PER_POOL)},
            "protocol": 3,  # notes come on the connection they concern
            "health_check_interval": 0,  # redis-py's check could reconnect unseen, without tracking
        }
        connection = pool.connection_class(**settings)
        connection.connect()
        try:
            connection.send_command(*TRACKING)
            connection.read_response()
            connection._parser.set_invalidation_push_handler(self.noted)  # as redis-py's own client-side cache does
            # Notes must come through (a proxy could take CLIENT TRACKING and drop them): read a key
            # here, change it through the pool, and wait for the note, which Redis sends at once.
            connection.send_command("GET", self.probe)
            connection.read_response()
            redis.Redis(connection_pool=pool).incr(self.probe)
            if not connection.can_read(timeout=settings.get("socket_timeout") or 1):
                raise ResponseError("no note of a change came")
            connection.read_response(push_request=True)
        except ResponseError as exc:
            # A server or proxy that will not track, or sends no notes: asked the plain way from now on.
            self.refused = True
            logger.warning("Redis refused CLIENT TRACKING (%s): versions are read on every request.", exc)
            connection.disconnect()
            raise
        except BaseException:
            connection.disconnect()
            raise
        return connection

    def forget(self):
        with self.lock:  # waits for a read under way, which would otherwise keep what it read
            self.values.clear()

    def drop(self):
        """Forget every value and the connection (after an error)."""
        self.values.clear()
        connection, self.connection = self.connection, None
        if connection is not None:
            connection.disconnect()

    def forked(self):
        """In a new child process: the parent's socket and lock are not the child's to use."""
        self.lock = threading.Lock()
        self.drop()


WATCHES = {}  # location -> Watch, shared by every cache object of the process (one per thread)
os.register_at_fork(after_in_child=lambda: [watch.forked() for watch in WATCHES.values()])


def forgets_watched(method):
    """A write: every watched value is read again (after the write, so no read can keep the old)."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        finally:
            self.watch.forget()

    return wrapper


class FailOpenRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._ignore_exceptions = False  # errors reach fails_open, which knows what each should answer
        self.outage = OUTAGES.setdefault(str(server), Outage())
        # One per process (setdefault: two threads making their cache objects at once get the same one).
        pool = lambda: self.client.get_client(write=True).connection_pool  # noqa: E731
        self.watch = WATCHES.setdefault(str(server), Watch(pool, probe=self.make_key("watch:probe")))

    def get_watched(self, key):
        """`get` for a key read on every request: answered from this process's memory while Redis has
        said nothing of a change to it (Watch). An answer from memory is no sign that Redis is up, so
        it does not count as one for the outage."""
        if self.outage.skipping():
            return None
        try:
            value = self.watch.get(self.make_key(key))
        except OUTAGE_ERRORS as exc:
            self.outage.failed(exc)
            return None
        if value is ASK:
            return self.get(key)
        return None if value is None else self.client.decode(value)

    get = fails_open(_default_of_get)(RedisCache.get)
    get_many = fails_open(answer({}))(RedisCache.get_many)
    has_key = fails_open(answer(False))(RedisCache.has_key)
    add = forgets_watched(fails_open(answer(True))(RedisCache.add))
    set = forgets_watched(fails_open(answer(False))(RedisCache.set))
    set_many = forgets_watched(fails_open(answer([]))(RedisCache.set_many))
    touch = fails_open(answer(False))(RedisCache.touch)
    delete = forgets_watched(fails_open(answer(False))(RedisCache.delete))
    delete_many = forgets_watched(fails_open(answer(None))(RedisCache.delete_many))
    delete_pattern = forgets_watched(fails_open(answer(0))(RedisCache.delete_pattern))
    clear = forgets_watched(fails_open(answer(None))(RedisCache.clear))
    # No count during an outage: callers treat None as "not counted" (accounts.ratelimit).
    incr = forgets_watched(fails_open(answer(None))(RedisCache.incr))
    decr = forgets_watched(fails_open(answer(None))(RedisCache.decr))
    incr_version = forgets_watched(fails_open(answer(None))(RedisCache.incr_version))
