"""What each cache buys: a page's time in-process with the cache on, and with it turned off.

Run against a seeded site (`manage.py seed_demo --scale N` on the DATABASE_URL / REDIS_URL you
measure), from the project root:  .venv/bin/python bench/layers.py [--requests 200]
Each configuration serves the page `--requests` times through Django's test client (the whole
middleware stack, no network) and prints the median milliseconds per request.
"""

import argparse
import os
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "0")
os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1"  # the test client's host: counts as production,
os.environ.setdefault("SECRET_KEY", __import__("secrets").token_urlsafe(50))  # which wants a real key

import django  # noqa: E402

django.setup()

from django.core.cache.backends.dummy import DummyCache  # noqa: E402
from django.test import Client  # noqa: E402

import articles.cache  # noqa: E402
from accounts.models import User  # noqa: E402
from articles.models import Article  # noqa: E402
from community import fragments  # noqa: E402
from community import pages as member_pages  # noqa: E402
from community.models import Question  # noqa: E402
from config import cache as cache_backend  # noqa: E402


@contextmanager
def patched(obj, name, value):
    old = getattr(obj, name)
    setattr(obj, name, value)
    try:
        yield
    finally:
        setattr(obj, name, old)


@contextmanager
def nothing():
    yield


def no_fragment_cache():
    return patched(fragments, "cache", DummyCache("", {}))


def no_member_pages():
    return patched(member_pages, "kept", lambda request: False)


@contextmanager
def no_member_pages_nor_fragments():
    with no_member_pages(), no_fragment_cache():
        yield


def no_page_cache():
    return patched(articles.cache, "cache", DummyCache("", {}))


def version_asked_every_time():
    """The public pages' version asked of Redis on every request, as before config/cache.py's Watch."""
    return patched(cache_backend.Watch, "get", lambda self, key: cache_backend.ASK)


def median_ms(client, url, requests):
    for _ in range(10):
        client.get(url)  # warm: caches filled, connections open
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    member = Client()
    member.force_login(User.objects.get(email="maria@kindred.example"))
    anonymous = Client()
    article = Article.objects.published().exclude(slug__startswith="synthetic-").order_by("pk").first()
    question = Question.objects.order_by("-answer_count", "pk").first()
    asked = version_asked_every_time
    rows = [
        ("signed-in feed", member, "/activities/", "member pages kept whole", nothing, no_member_pages),
        ("question page", member, question.get_absolute_url(), "member pages kept whole", nothing, no_member_pages),
        # Where fragments serve: a member whose kept page a write elsewhere retired.
        ("signed-in feed", member, "/activities/", "feed fragments", no_member_pages, no_member_pages_nor_fragments),
        ("anonymous article page", anonymous, article.get_absolute_url(), "public page cache", nothing, no_page_cache),
        ("anonymous home", anonymous, "/", "public page cache", nothing, no_page_cache),
        ("anonymous resources index", anonymous, "/resources/", "public page cache", nothing, no_page_cache),
        ("anonymous article page", anonymous, article.get_absolute_url(), "version watched", nothing, asked),
        ("anonymous home", anonymous, "/", "version watched", nothing, asked),
    ]
    print(f"{'page':<26} {'layer':<28} {'on ms':>7} {'off ms':>7} {'buys':>6}")
    for page, client, url, layer, on, off in rows:
        with on():
            on_ms = median_ms(client, url, args.requests)
        with off():
            off_ms = median_ms(client, url, args.requests)
        print(f"{page:<26} {layer:<28} {on_ms:>7.2f} {off_ms:>7.2f} {1 - on_ms / off_ms:>6.0%}")


if __name__ == "__main__":
    main()
