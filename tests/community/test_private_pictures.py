"""Members' pictures are community content: for signed-in members, gone the moment their update or
profile is; article pictures and expert portraits stay public and cacheable."""

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.member_data import hide_profile
from accounts.models import Profile
from accounts.services import get_profile, reinstate_member, suspend_member
from tests import images
from tests.community.factories import PostFactory
from tests.factories import ArticleFactory, ExpertFactory, UserFactory

pytestmark = pytest.mark.django_db


def picture_bytes(color="teal"):
    return images.jpeg(color=color).read()


@pytest.fixture
def pictures(alice):
    """Alice's update with a picture and her avatar, each as the pages link to them."""
    post = PostFactory(author=alice, text="Our walk by the sea")
    post.image.save("sea.jpg", ContentFile(picture_bytes("navy")), save=True)
    profile = get_profile(alice)
    profile.avatar.save("me.jpg", ContentFile(picture_bytes("coral")), save=True)
    return {"post": post, "profile": profile, "update": post.image.url, "avatar": profile.avatar.url}


def assert_private_picture(response, picture):
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, max-age=3600"
    assert response["X-Content-Type-Options"] == "nosniff"
    with open(picture.path, "rb") as stored:
        assert b"".join(response.streaming_content) == stored.read()


def test_the_pages_link_members_pictures_under_random_names(alice_client, pictures):
    page = alice_client.get(f"/activities/{pictures['post'].pk}/").content.decode()
    assert f'src="{pictures["update"]}"' in page and f'src="{pictures["avatar"]}"' in page
    for url in (pictures["update"], pictures["avatar"]):
        folder, name = url.removeprefix("/media/").split("/")
        assert folder in ("posts", "avatars") and len(name.removesuffix(".jpg")) == 32


@pytest.mark.parametrize("kind", ["update", "avatar"])
def test_visitors_are_sent_to_sign_in_instead_of_seeing_a_members_picture(client, pictures, kind):
    response = client.get(pictures[kind])
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={pictures[kind]}"
    assert "X-Accel-Redirect" not in response


@pytest.mark.parametrize("kind", ["update", "avatar"])
def test_members_see_pictures_privately(bob_client, alice_client, pictures, kind):
    field = pictures["post"].image if kind == "update" else pictures["profile"].avatar
    assert_private_picture(bob_client.get(pictures[kind]), field)
    assert_private_picture(alice_client.get(pictures[kind]), field)


def test_a_hidden_updates_picture_is_gone_for_everyone_but_its_author_and_staff(
    bob_client, alice_client, client, staff, staff_without_mfa, pictures
):
    pictures["post"].status = "hidden"
    pictures["post"].save()
    assert bob_client.get(pictures["update"]).status_code == 404
    assert_private_picture(alice_client.get(pictures["update"]), pictures["post"].image)
    client.force_login(staff_without_mfa)  # a member's powers only
    assert client.get(pictures["update"]).status_code == 404
    client.force_login(staff)
    assert client.get(pictures["update"]).status_code == 200


def test_a_deleted_updates_picture_is_gone_at_once_even_while_its_file_remains(bob_client, pictures):
    path = pictures["post"].image.path
    pictures["post"].delete()  # as from the shell: nothing removes the file
    assert bob_client.get(pictures["update"]).status_code == 404
    with open(path, "rb") as still_there:
        assert still_there.read(2) == b"\xff\xd8"


def test_a_hidden_or_suspended_members_avatar_is_gone_for_other_members(bob_client, alice_client, alice, pictures):
    Profile.objects.filter(user=alice).update(hidden_at=timezone.now(), hidden_reason="Offensive picture")
    assert bob_client.get(pictures["avatar"]).status_code == 404
    assert alice_client.get(pictures["avatar"]).status_code == 200
    Profile.objects.filter(user=alice).update(hidden_at=None)
    assert bob_client.get(pictures["avatar"]).status_code == 200
    alice.suspended_at = timezone.now()
    alice.save()
    assert bob_client.get(pictures["avatar"]).status_code == 404
    assert alice_client.get(pictures["avatar"]).status_code == 200  # her own, still


@pytest.mark.parametrize("how", ["profile hidden", "member suspended"])
def test_pages_show_the_initial_where_the_avatar_is_refused(bob_client, alice, pictures, how):
    """No broken picture: where accounts.views.avatar would refuse it, the pages show the initial,
    from the moment staff act through the services (the feed's cached fragments included), and the
    picture again once the member is reinstated."""
    post = f"/activities/{pictures['post'].pk}/"
    initial = '<span class="author__avatar author__avatar--initial" aria-hidden="true">A</span>'

    def shown():
        for page in ("/activities/", post):  # the feed's cached fragment, and the update's own page
            html = bob_client.get(page).content.decode()
            assert "Our walk by the sea" in html, page
            yield pictures["avatar"] in html, initial in html

    assert list(shown()) == [(True, False), (True, False)]
    if how == "profile hidden":
        assert hide_profile(alice, reason="Offensive picture") == 1
    else:
        suspend_member(user=alice, reason="Spam", hide_content=False)
    assert list(shown()) == [(False, True), (False, True)]
    assert bob_client.get(pictures["avatar"]).status_code == 404
    reinstate_member(user=alice)
    assert list(shown()) == [(True, False), (True, False)]
    assert bob_client.get(pictures["avatar"]).status_code == 200


def test_a_deleted_members_avatar_is_gone(bob_client, alice, pictures):
    alice.delete()
    assert bob_client.get(pictures["avatar"]).status_code == 404


def test_a_muted_members_pictures_are_not_sent_to_who_muted_them(bob_client, pictures, alice):
    assert bob_client.get(pictures["update"]).status_code == 200
    assert bob_client.post(f"/members/{alice.pk}/mute/").status_code == 302
    assert bob_client.get(pictures["update"]).status_code == 404


def test_unknown_names_and_other_folders_are_not_served(bob_client, client, pictures, settings):
    nested = settings.MEDIA_ROOT / "posts" / "nested"
    nested.mkdir(parents=True)
    (nested / "stray.jpg").write_bytes(picture_bytes())
    for public in ("articles", "experts"):
        (settings.MEDIA_ROOT / public).mkdir(exist_ok=True)
    for url in [
        "/media/posts/0123456789abcdef0123456789abcdef.jpg",
        "/media/posts/nested/stray.jpg",
        "/media/avatars/../posts/" + pictures["update"].rsplit("/", 1)[1],
        "/media/secret_key",
        "/media/articles/" + "a" * 256,  # longer than a file name may be (found by a review: a 500)
        "/media/experts/" + "a" * 256,
    ]:
        assert bob_client.get(url).status_code == 404, url
        assert client.get(url).status_code in (302, 404), url
        assert b"\xff\xd8" not in client.get(url, follow=True).content, url


def test_behind_nginx_the_view_decides_and_nginx_sends_the_file(bob_client, client, pictures, settings):
    settings.MEDIA_ACCEL_REDIRECT_PREFIX = "/protected-media/"
    for kind in ("update", "avatar"):
        response = bob_client.get(pictures[kind])
        assert response.status_code == 200
        assert response["X-Accel-Redirect"] == "/protected-media" + pictures[kind].removeprefix("/media")
        assert response.content == b""
        assert response["Content-Type"] == "image/jpeg"
        assert response["Cache-Control"] == "private, max-age=3600"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "X-Accel-Redirect" not in client.get(pictures[kind])
    pictures["post"].status = "hidden"
    pictures["post"].save()
    hidden = bob_client.get(pictures["update"])
    assert hidden.status_code == 404 and "X-Accel-Redirect" not in hidden


def test_article_pictures_and_portraits_stay_public_and_cacheable(client):
    expert = ExpertFactory()
    expert.photo.save("face.jpg", ContentFile(picture_bytes()), save=True)
    article = ArticleFactory(author=expert)
    article.hero_image.save("hero.jpg", ContentFile(picture_bytes()), save=True)
    for url in (expert.photo.url, article.hero_image.url):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "public, max-age=86400"
        assert response["X-Content-Type-Options"] == "nosniff"


def test_a_member_whose_address_is_unconfirmed_sees_pictures_like_the_pages(client, pictures):
    client.force_login(UserFactory())
    assert client.get(pictures["update"]).status_code == 200


def test_a_fault_reading_a_public_picture_stays_a_server_error(client, monkeypatch):
    """Only a name too long for the file system is a 404: permissions or too many open files are a
    fault staff must see (a review of the fix above)."""
    import errno

    from config import views

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(views, "serve", refuse)
    with pytest.raises(PermissionError):
        client.get("/media/articles/portrait.jpg")
