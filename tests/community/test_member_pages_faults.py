"""Kept member pages (community/pages.py) when the cache refuses writes, and addresses members make
up. Found by a review: with Redis out of memory (noeviction), every write that moved a version in
the cache failed with a 500 and was undone; and a version the cache failed to take kept a deleted
update on other members' kept feeds."""

import pytest
from django.core.cache import caches

from community import fragments
from community.models import Post
from config import cache as cache_backend
from tests.community.factories import PostFactory
from tests.factories import UserFactory, verify_email
from tests.processes import RedisServer

pytestmark = pytest.mark.django_db


@pytest.fixture
def refusing_redis(tmp_path, settings):
    """A redis-server of this test's own as the cache; `refuse()` makes it answer every write with
    OOM (maxmemory 1, noeviction), as a full Redis does, while it still answers reads."""
    import redis

    server = RedisServer(tmp_path)
    server.start()
    settings.CACHES = server.cache_settings()
    client = redis.Redis(port=server.port)

    def refuse():
        client.config_set("maxmemory-policy", "noeviction")
        client.config_set("maxmemory", "1")
        with pytest.raises(redis.exceptions.ResponseError, match="maxmemory"):  # writes are refused from now on
            client.set("kindred:probe", "1")

    server.refuse = refuse
    try:
        yield server
    finally:
        server.stop()
        del caches["default"]


def test_with_the_cache_refusing_writes_members_still_delete_and_mute_and_nothing_stale_shows(
    refusing_redis, alice_client, bob_client, bob, monkeypatch
):
    dave = verify_email(UserFactory(display_name="Dave"))
    post = PostFactory(author=bob, text="My address is 12 Private Lane")
    PostFactory(author=dave, text="Dave's walk")
    page = alice_client.get("/activities/").content.decode()
    assert "12 Private Lane" in page and "Dave&#x27;s walk" in page  # kept for Alice now
    refusing_redis.refuse()
    monkeypatch.setattr(cache_backend, "RETRY_AFTER_SECONDS", 0)  # reads go on being answered, as they are

    response = bob_client.post(f"/activities/{post.pk}/delete/")
    assert response.status_code == 302 and not Post.objects.filter(pk=post.pk).exists()
    page = alice_client.get("/activities/")
    assert page.status_code == 200 and "12 Private Lane" not in page.content.decode()

    assert alice_client.post(f"/members/{dave.pk}/mute/").status_code == 302
    for _ in range(2):  # with the mute's message, then again (nothing can be kept while writes are refused)
        page = alice_client.get("/activities/")
        assert page.status_code == 200 and "Dave&#x27;s walk" not in page.content.decode()
    assert alice_client.get("/activities/?view=team").status_code == 200


def test_a_page_is_kept_only_at_its_own_address(alice_client, bob, monkeypatch):
    """Made-up query strings (another page of the feed, parameters a page ignores) render each time,
    so a member cannot fill the cache with copies of their pages."""
    PostFactory(author=bob, text="Bob's walk")
    rendered = []
    render_posts = fragments.render_posts
    monkeypatch.setattr(fragments, "render_posts", lambda *a, **k: rendered.append(1) or render_posts(*a, **k))
    for address in ("/activities/", "/activities/?view=team", "/activities/?x=" + "y" * 500, "/activities/?before=9"):
        alice_client.get(address)
        alice_client.get(address)
    assert len(rendered) == 1 + 1 + 2 + 2  # the first two addresses are kept: one render each
