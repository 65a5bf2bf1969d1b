from pathlib import Path

import pytest
from django.db import IntegrityError, transaction
from PIL import Image

from community.models import Comment, Post
from tests import images
from tests.community.factories import CommentFactory, PostFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_log_in(client):
    post = PostFactory()
    for url in [
        "/activities/",
        f"/activities/{post.pk}/",
        "/questions/",
        "/members/",
        "/notifications/",
    ]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), url
    assert client.post("/activities/", {"text": "hi"}).status_code == 302
    assert not Post.objects.exclude(pk=post.pk).exists()


def test_member_posts_text_and_sees_it_first_in_the_feed(alice_client):
    PostFactory(text="An older update")
    response = alice_client.post("/activities/", {"text": "First day of radiation done."})
    assert response.status_code == 302
    body = alice_client.get("/activities/").content.decode()
    assert body.index("First day of radiation done.") < body.index("An older update")
    assert 'content="noindex, nofollow"' in body


def test_an_update_with_neither_text_nor_picture_is_refused(alice_client):
    response = alice_client.post("/activities/", {"text": "   "})
    assert response.status_code == 400
    assert "All updates must be accompanied by text or a picture." in response.content.decode()
    assert response.content.decode().count("All updates must be accompanied by text or a picture.") == 1
    assert not Post.objects.exists()


def test_the_database_refuses_an_empty_update_too(alice):
    with pytest.raises(IntegrityError), transaction.atomic():
        Post.objects.create(author=alice, text="", image="")


def test_a_comment_belongs_to_exactly_one_update_or_article(alice):
    from tests.factories import ArticleFactory

    post, article = PostFactory(), ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(author=alice, text="x", post=post, article=article)
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(author=alice, text="x")


def test_a_picture_update_loses_its_gps_metadata(alice_client):
    response = alice_client.post("/activities/", {"text": "", "image": images.jpeg_with_gps(), "image_alt": "A hill"})
    assert response.status_code == 302
    post = Post.objects.get()
    with Image.open(post.image.path) as stored:
        assert dict(stored.getexif()) == {} and "exif" not in stored.info
        size = stored.size
    assert "holiday" not in post.image.name
    # The page gives the picture's size up front, so nothing jumps while it loads.
    assert (post.image_width, post.image_height) == size
    page = alice_client.get(f"/activities/{post.pk}/").content.decode()
    assert f'alt="A hill" width="{size[0]}" height="{size[1]}"' in page


@pytest.mark.parametrize("kind", list(images.BAD_UPLOADS))
def test_bad_pictures_are_refused_and_nothing_is_stored(alice_client, settings, kind):
    make, message = images.BAD_UPLOADS[kind]
    response = alice_client.post("/activities/", {"text": "with a picture", "image": make()})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Post.objects.exists()
    assert not (settings.MEDIA_ROOT / "posts").exists()


def test_unverified_members_can_read_but_not_post(client):
    member = UserFactory()
    client.force_login(member)
    assert client.get("/activities/").status_code == 200
    response = client.post("/activities/", {"text": "hello"})
    assert "Please confirm your e-mail address" in response.content.decode()
    assert not Post.objects.exists()


def test_new_members_may_post_two_updates_a_minute(alice_client):
    for number in range(2):
        assert alice_client.post("/activities/", {"text": f"update {number}"}).status_code == 302
    response = alice_client.post("/activities/", {"text": "one too many"})
    assert "You&#x27;re posting very quickly" in response.content.decode()
    assert Post.objects.count() == 2


def test_a_refused_blank_update_does_not_count_toward_the_posting_limit(alice_client):
    assert alice_client.post("/activities/", {"text": "   "}).status_code == 400  # refused: blank
    for number in range(2):
        response = alice_client.post("/activities/", {"text": f"update {number}"})
        assert response.status_code == 302, response.content.decode()
    assert Post.objects.count() == 2


def test_a_refused_blank_question_or_answer_does_not_count_either(alice_client):
    assert alice_client.post("/questions/ask/", {"title": ""}).status_code == 400
    assert alice_client.post("/questions/ask/", {"title": "  "}).status_code == 400
    for number in range(2):
        assert alice_client.post("/questions/ask/", {"title": f"Question {number}?"}).status_code == 302


def test_new_members_may_post_ten_comments_an_hour(alice_client):
    post = PostFactory()
    for number in range(10):
        assert alice_client.post(f"/activities/{post.pk}/", {"text": f"comment {number}"}).status_code == 302
    response = alice_client.post(f"/activities/{post.pk}/", {"text": "eleventh"})
    assert "You&#x27;re posting very quickly" in response.content.decode()
    assert Comment.objects.count() == 10


def test_author_edits_and_deletes_their_update(alice_client, alice, django_capture_on_commit_callbacks):
    alice_client.post("/activities/", {"text": "typo heer", "image": images.jpeg()})
    post = Post.objects.get()
    alice_client.post(f"/activities/{post.pk}/edit/", {"text": "typo here"})
    post.refresh_from_db()
    assert post.text == "typo here" and post.edited_at is not None
    picture = Path(post.image.path)
    assert picture.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert alice_client.post(f"/activities/{post.pk}/delete/").status_code == 302
    assert not Post.objects.exists()
    assert not picture.exists()  # the picture's file goes with the update


def test_another_member_cannot_edit_or_delete_an_update(alice, bob_client):
    post = PostFactory(author=alice, text="mine")
    assert bob_client.get(f"/activities/{post.pk}/edit/").status_code == 403
    assert bob_client.post(f"/activities/{post.pk}/edit/", {"text": "changed"}).status_code == 403
    assert bob_client.post(f"/activities/{post.pk}/delete/").status_code == 403
    post.refresh_from_db()
    assert post.text == "mine"


def test_another_member_cannot_edit_or_delete_a_comment(alice, bob_client):
    comment = CommentFactory(author=alice, text="mine")
    assert bob_client.post(f"/comments/{comment.pk}/edit/", {"text": "changed"}).status_code == 403
    assert bob_client.post(f"/comments/{comment.pk}/delete/").status_code == 403
    comment.refresh_from_db()
    assert comment.text == "mine"


def test_staff_see_hidden_updates_members_do_not(client, staff, alice, bob_client):
    post = PostFactory(author=alice, text="hidden one", status="hidden", hidden_reason="Spam")
    assert bob_client.get(f"/activities/{post.pk}/").status_code == 404
    client.force_login(staff)
    assert client.get(f"/activities/{post.pk}/").status_code == 200


def test_feed_pages_back_through_history_with_a_cursor(alice_client):
    posts = PostFactory.create_batch(45)
    first = alice_client.get("/activities/").content.decode()
    assert posts[-1].text in first and posts[25].text in first and posts[24].text not in first
    second = alice_client.get(f"/activities/?before={posts[25].pk}").content.decode()
    assert posts[24].text in second and posts[5].text in second and posts[4].text not in second
    third = alice_client.get(f"/activities/?before={posts[5].pk}").content.decode()
    assert posts[0].text in third and "Older updates" not in third


@pytest.mark.parametrize("before", ["abc", "-5", "0", "99999999999999999999999", "1e3", ""])
def test_odd_cursor_values_give_a_page(alice_client, before):
    PostFactory()
    assert alice_client.get("/activities/", {"before": before}).status_code == 200


def test_my_team_feed_shows_only_team_members(alice_client, alice, bob):
    PostFactory(author=bob, text="From Bob")
    PostFactory(text="From a stranger")
    alice_client.post(f"/members/{bob.pk}/team/")
    body = alice_client.get("/activities/?view=team").content.decode()
    assert "From Bob" in body and "From a stranger" not in body


def test_a_members_profile_lists_their_updates(alice_client, bob):
    PostFactory(author=bob, text="Bob's garden is blooming")
    body = alice_client.get(f"/members/{bob.pk}/").content.decode()
    assert "Bob&#x27;s garden is blooming" in body
    assert "Add to my team" in body


def test_a_blank_comment_is_refused_with_a_clear_message(alice_client, bob):
    post = PostFactory(author=bob)
    response = alice_client.post(f"/activities/{post.pk}/", {"text": "   "})
    assert response.status_code == 400
    assert "Please write something before sending." in response.content.decode()
    assert not Comment.objects.exists()
