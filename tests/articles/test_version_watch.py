"""The public pages' version is kept by each process until Redis says it changed (config/cache.py
Watch): a kept page is served without asking Redis anything, and every way the version can change
behind this process's back (another process's write, a flush, a restart of Redis) is seen by the
next request. Each test runs a redis-server of its own."""

import os
import pickle
import select

import pytest
from django.core.cache import cache, caches

from articles import cache as page_cache
from config import cache as cache_backend
from tests.articles.test_page_cache import retitle_behind_the_cache
from tests.factories import ArticleFactory
from tests.processes import HeldLink, RedisServer, forget_clients_of

pytestmark = pytest.mark.django_db

PAGE = "/resources/breathing/"


@pytest.fixture
def own_redis(tmp_path, settings):
    server = RedisServer(tmp_path)
    server.start()
    settings.CACHES = server.cache_settings(db=1)
    try:
        yield server
    finally:
        server.stop()
        del caches["default"]


def another_process(server):
    """A client of the same Redis that is not this process's cache (what another process holds)."""
    import redis

    return redis.Redis(port=server.port, db=1)


def told(server):
    """Wait until Redis's note of the change has reached this process's watch: what is tested is
    that it comes and is heeded, not how fast (a busy machine may take its time)."""
    assert cache.watch.connection.can_read(timeout=10), "Redis sent no note of the change"


def title_on_the_page(client):
    return "gently" if "Breathing, gently" in client.get(PAGE).content.decode() else "exercises"


@pytest.fixture
def kept_page(own_redis, client):
    """The article's page kept by this process, and its title then changed behind every cache."""
    article = ArticleFactory(title="Breathing exercises", slug="breathing")
    assert title_on_the_page(client) == "exercises"
    retitle_behind_the_cache(article, "Breathing, gently")
    assert title_on_the_page(client) == "exercises"  # served as kept: nothing moved the version
    return article


def test_a_kept_page_is_served_without_asking_redis_anything(kept_page, own_redis, client, monkeypatch):
    counter = another_process(own_redis)  # one connection: its own commands are INFO alone
    monkeypatch.setattr(cache_backend, "clock", lambda: cache.watch.confirmed_at)  # no PING due, however slow

    def commands_served():
        return sum(stat["calls"] for name, stat in counter.info("commandstats").items() if name != "cmdstat_info")

    before = commands_served()
    for _ in range(20):
        assert client.get(PAGE).status_code == 200
    assert commands_served() == before


def test_another_process_moving_the_version_on_is_heeded(kept_page, own_redis, client):
    other = another_process(own_redis)
    other.set(cache.make_key(page_cache.VERSION_KEY), pickle.dumps("another process's version"))
    told(own_redis)
    assert title_on_the_page(client) == "gently"


def test_a_flush_of_redis_is_heeded(kept_page, own_redis, client):
    another_process(own_redis).flushall()
    told(own_redis)
    assert title_on_the_page(client) == "gently"


def test_a_restart_of_redis_is_heeded(kept_page, own_redis, client):
    own_redis.process.kill()  # not stop(), which would also drop this process's watch
    own_redis.process.wait()
    own_redis.start()
    assert title_on_the_page(client) == "gently"


def test_this_process_reads_its_own_writes_at_once(kept_page, client):
    page_cache.PUBLIC.new()
    assert not cache.watch.values  # the write itself forgot what was kept: no waiting for Redis's note
    assert title_on_the_page(client) == "gently"


@pytest.fixture
def held_link(own_redis, settings, monkeypatch):
    """The cache reached through a link whose answers can be held up (tests/processes.py HeldLink),
    and the watch's clock, frozen: `link.now[0]` says when it is."""
    link = HeldLink(own_redis.port)
    location = f"redis://127.0.0.1:{link.port}/1"
    settings.CACHES = {"default": {**own_redis.cache_settings()["default"], "LOCATION": location}}
    link.now = [0.0]
    monkeypatch.setattr(cache_backend, "clock", lambda: link.now[0])
    try:
        yield link
    finally:
        link.close()
        forget_clients_of(location)


def test_a_note_held_up_on_the_way_costs_at_most_confirm_seconds(held_link, own_redis, client):
    """A link that goes silent (a dead peer, a lost packet being sent again): the note of another
    process's write does not come, and the PING after CONFIRM_SECONDS finds it out."""
    article = ArticleFactory(title="Breathing exercises", slug="breathing")
    for _ in range(2):  # rendered, then served as kept
        assert title_on_the_page(client) == "exercises"
    retitle_behind_the_cache(article, "Breathing, gently")
    held_link.hold()
    another_process(own_redis).set(cache.make_key(page_cache.VERSION_KEY), pickle.dumps("moved on"))
    assert title_on_the_page(client) == "exercises"  # the bound: kept, with no word from Redis, until

    held_link.now[0] += cache_backend.CONFIRM_SECONDS
    assert title_on_the_page(client) == "gently"  # rendered afresh: the PING was not answered


def test_a_note_that_comes_while_the_watch_waits_for_an_answer_is_heeded(held_link, own_redis):
    """Redis's note of a change comes before its answer to the PING: read with the answer, it must
    still count (redis-py hands it to the handler the watch gives it, or drops it)."""
    kept = page_cache.PUBLIC.current()
    assert cache.get_watched(page_cache.VERSION_KEY) == kept
    held_link.hold()  # the note of the change below and the answer to the PING wait behind it, in that order
    another_process(own_redis).set(cache.make_key(page_cache.VERSION_KEY), pickle.dumps("moved on"))
    held_link.now[0] += cache_backend.CONFIRM_SECONDS
    connection = cache.watch.connection
    send = connection.send_command

    def send_then_release(*command, **kwargs):  # the PING is on its way: both come now, the note first
        send(*command, **kwargs)
        held_link.release()

    connection.send_command = send_then_release
    assert cache.get_watched(page_cache.VERSION_KEY) == "moved on"


def test_a_child_process_does_not_read_its_parent_s_connection(kept_page, own_redis, client):
    parent_socket = cache.watch.connection._sock
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: it must open a connection of its own and read the same version
        try:
            fresh = cache.watch.connection is None
            version = page_cache.PUBLIC.current()
            answer = (fresh, cache.watch.connection._sock is not parent_socket, version)
        except BaseException as exc:  # noqa: BLE001 - told to the parent, which fails with it
            answer = repr(exc)
        os.write(write, pickle.dumps(answer))
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        if not select.select([pipe], [], [], 60)[0]:
            os.kill(pid, 9)
        answer = pickle.loads(pipe.read() or pickle.dumps("the child said nothing in a minute"))  # noqa: S301
    os.waitpid(pid, 0)
    fresh, own, version = answer
    assert fresh and own and version == page_cache.PUBLIC.current()
    assert cache.watch.connection._sock is parent_socket  # the child left the parent's connection alone
    assert title_on_the_page(client) == "exercises"


def test_a_redis_that_will_not_track_is_asked_every_time(tmp_path, settings, client, caplog, monkeypatch):
    server = RedisServer(tmp_path)
    server.start("--rename-command", "CLIENT", "")
    settings.CACHES = server.cache_settings(db=1)
    try:
        article = ArticleFactory(title="Breathing exercises", slug="breathing")
        attempts = []
        connect = cache.watch.connect
        monkeypatch.setattr(cache.watch, "connect", lambda: attempts.append(1) or connect())
        for _ in range(3):  # neither taken for an outage nor tried again: the page stays cached
            assert title_on_the_page(client) == "exercises"
        assert len(attempts) == 1 and cache.watch.refused and not cache.outage.down
        assert "refused CLIENT TRACKING" in caplog.text
        retitle_behind_the_cache(article, "Breathing, gently")
        another_process(server).set(cache.make_key(page_cache.VERSION_KEY), pickle.dumps("moved on"))
        assert title_on_the_page(client) == "gently"
    finally:
        server.stop()
        del caches["default"]


def test_a_redis_that_sends_no_notes_is_asked_every_time(own_redis, client, monkeypatch, caplog):
    """A server or proxy that takes CLIENT TRACKING but sends no notes (here: tracking asked off)."""
    monkeypatch.setattr(cache_backend, "TRACKING", ("CLIENT", "TRACKING", "OFF"))
    article = ArticleFactory(title="Breathing exercises", slug="breathing")
    for _ in range(2):
        assert title_on_the_page(client) == "exercises"
    assert cache.watch.refused and "no note of a change came" in caplog.text
    retitle_behind_the_cache(article, "Breathing, gently")
    another_process(own_redis).set(cache.make_key(page_cache.VERSION_KEY), pickle.dumps("moved on"))
    assert title_on_the_page(client) == "gently"
