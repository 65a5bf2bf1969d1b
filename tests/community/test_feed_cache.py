"""The feed serves cached fragments, personalised per member: nothing of one member leaks to another."""

import re

import pytest

from community import services
from tests import caches
from tests.community.factories import PostFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def own_actions(body, post):
    """(shows Edit/Delete, shows Report) for `post` in a feed page."""
    block = body.split(f'id="post-{post.pk}"', 1)[1].split("</article>", 1)[0]
    own = re.search(r'class="own-actions" data-owner="\d+"( hidden)?>', block).group(1) is None
    other = re.search(r'class="other-actions" data-other="\d+"( hidden)?>', block).group(1) is None
    return own, other


def hug_token(body, post):
    """The CSRF token inside the hug form of `post` (the part patched into the cached fragment)."""
    form = body.split(f'action="/hugs/post/{post.pk}/"', 1)[1].split("</form>", 1)[0]
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)


def pressed(body, key):
    return re.search(rf'aria-pressed="(\w+)" data-hug-key="{key}"', body).group(1) == "true"


def test_each_member_sees_their_own_actions_and_hugs_on_the_same_cached_fragment(alice, alice_client, bob, bob_client):
    post = PostFactory(author=alice, text="Shared fragment")
    services.toggle_hug(user=bob, target=post)
    first = alice_client.get("/activities/").content.decode()  # renders and caches
    second = bob_client.get("/activities/").content.decode()  # served from the cache
    assert own_actions(first, post) == (True, False)
    assert own_actions(second, post) == (False, True)
    assert not pressed(first, f"post-{post.pk}") and pressed(second, f"post-{post.pk}")
    token_a, token_b = hug_token(first, post), hug_token(second, post)
    assert token_a != token_b and len(token_a) == len(token_b) == 64  # each member's own, patched in
    assert "__CSRF_TOKEN__" not in first + second


def test_a_hug_from_the_feed_works_with_the_patched_token(alice, bob, bob_client):
    post = PostFactory(author=alice)
    bob_client.get("/activities/")
    csrf_client = bob_client.__class__(enforce_csrf_checks=True)
    csrf_client.force_login(bob)
    body = csrf_client.get("/activities/").content.decode()
    token = hug_token(body, post)  # from the cached fragment's own form
    response = csrf_client.post(f"/hugs/post/{post.pk}/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.hug_count == 1


def test_new_comments_hugs_and_edits_show_at_once(alice, alice_client, bob):
    post = PostFactory(author=alice, text="Before")
    alice_client.get("/activities/")
    services.create_comment(author=bob, text="A fresh comment", post=post)
    body = alice_client.get("/activities/").content.decode()
    assert "A fresh comment" in body and "· 1<span" not in body
    services.toggle_hug(user=bob, target=post)
    assert "· 1<span" in alice_client.get("/activities/").content.decode()
    services.toggle_hug(user=bob, target=post)  # taken back
    assert "· 1<span" not in alice_client.get("/activities/").content.decode()
    alice_client.post(f"/activities/{post.pk}/edit/", {"text": "After"})
    assert "After" in alice_client.get("/activities/").content.decode()


def test_a_muted_commenter_is_hidden_even_inside_a_cached_fragment(alice, alice_client, bob, bob_client):
    carol = UserFactory(display_name="Carol")
    post = PostFactory(author=bob, text="Bob's update")
    services.create_comment(author=carol, text="Carol's comment", post=post)
    bob_client.get("/activities/")  # cached with Carol's comment
    services.toggle_mute(user=alice, member=carol)
    body = alice_client.get("/activities/").content.decode()
    assert "Bob&#x27;s update" in body and "Carol&#x27;s comment" not in body
    assert "Carol&#x27;s comment" in bob_client.get("/activities/").content.decode()


def test_a_muted_commenter_is_hidden_when_the_update_is_first_rendered_for_who_muted_them(alice, alice_client, bob):
    """Nothing cached: the update is rendered for everyone, then again for Alice, who muted a commenter
    (found by a review: the second rendering reused the first one's comments, so hers showed Carol's)."""
    carol = UserFactory(display_name="Carol")
    services.toggle_mute(user=alice, member=carol)
    post = PostFactory(author=bob, text="Bob's update")
    services.create_comment(author=carol, text="Carol's comment", post=post)
    body = alice_client.get("/activities/").content.decode()
    assert "Bob&#x27;s update" in body and "Carol&#x27;s comment" not in body
    caches.clear()
    profile = alice_client.get(f"/members/{bob.pk}/").content.decode()  # his updates, from the same code
    assert "Bob&#x27;s update" in profile and "Carol&#x27;s comment" not in profile


def test_a_hidden_comment_leaves_the_cached_fragment(alice, alice_client, bob, staff):
    post = PostFactory(author=alice)
    comment = services.create_comment(author=bob, text="Soon hidden", post=post)
    alice_client.get("/activities/")
    services.hide_content(target=comment, moderator=staff, reason="Spam")
    assert "Soon hidden" not in alice_client.get("/activities/").content.decode()


def test_member_text_cannot_capture_the_viewers_csrf_token(alice, bob_client):
    PostFactory(author=alice, text='https://evil.example/x?t=__CSRF_TOKEN__ and value="__CSRF_TOKEN__"')
    body = bob_client.get("/activities/").content.decode()
    text = body.split('class="post__text"', 1)[1].split("</div>", 1)[0]
    assert not re.search(r"[A-Za-z0-9]{64}", text)  # no token (64 characters) found its way in
    assert "__CSRF_TOKEN__" in body  # shown as the member wrote it


def test_a_commenters_new_name_reaches_cached_fragments(alice, alice_client, bob):
    post = PostFactory(author=alice)
    services.create_comment(author=bob, text="Hello from Bob", post=post)
    assert "Bob" in alice_client.get("/activities/").content.decode()
    bob.display_name = "Robert"
    bob.save()
    assert ">Robert<" in alice_client.get("/activities/").content.decode()


def test_members_reading_the_feed_one_after_another_each_get_their_own_view(client, alice, bob):
    """The feed's statement is built once per process and shared (accounts/sql.py: Statement): each
    member's own id, mutes, team and held updates must still decide what they see, whoever read the
    feed first. Alice and Carol mute one member each (the same shape of statement)."""
    carol, dave = UserFactory(display_name="Carol"), UserFactory(display_name="Dave")
    PostFactory(author=bob, text="Heron by Bob")
    PostFactory(author=dave, text="Heron by Dave")
    PostFactory(author=alice, text="Heron held by Alice", status="held")
    PostFactory(author=carol, text="Heron held by Carol", status="held")
    services.toggle_mute(user=alice, member=bob)
    services.toggle_mute(user=carol, member=dave)
    services.toggle_team(user=carol, member=bob)

    def shown(member, view="all"):
        client.force_login(member)
        return sorted(set(re.findall(r"Heron[\w ]*", client.get(f"/activities/?view={view}").content.decode())))

    for _ in range(2):  # each after the other, both ways round
        assert shown(alice) == ["Heron by Dave", "Heron held by Alice"]  # her own held update, not Bob's
        assert shown(carol) == ["Heron by Bob", "Heron held by Carol"]
        assert shown(carol, "team") == ["Heron by Bob"]
        assert shown(alice, "team") == []
    assert shown(bob) == ["Heron by Bob", "Heron by Dave"]  # no mutes: another shape
