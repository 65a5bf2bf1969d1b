"""A member suspended while their sign-in waited on a stage (the link after signing up, the two-factor
code) is not let in, and a suspended member cannot rewrite what they posted (found by a review)."""

import pytest

from accounts.models import User
from accounts.services import suspend_member
from tests.conftest import link_in
from tests.factories import PASSWORD, UserFactory, enable_totp, totp_code, verify_email

pytestmark = pytest.mark.django_db


def signed_in_user(client):
    return client.get("/accounts/settings/").wsgi_request.user


def test_confirming_the_sign_up_link_does_not_sign_in_a_suspended_member(client, smtp_sink):
    client.post(
        "/accounts/signup/",
        {
            "display_name": "Spammy",
            "email": "spam@example.com",
            "password1": "quiet harbour lanterns",
            "password2": "quiet harbour lanterns",
            "agree": "on",
        },
    )
    [message] = smtp_sink.to("spam@example.com")
    # Staff see the new account's first post-less sign-up as spam and suspend it at once.
    user = User.objects.get(email="spam@example.com")
    suspend_member(user=user, reason="Spam")

    path = link_in(smtp_sink.text(message), "/accounts/confirm-email/")
    client.post(path)

    assert not signed_in_user(client).is_authenticated, "the suspended member is signed in"


def test_finishing_two_factor_does_not_sign_in_a_member_suspended_meanwhile(client):
    user = verify_email(UserFactory(email="two@example.com"))
    secret = enable_totp(user)
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    suspend_member(user=user, reason="Harassing other members")

    client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})

    assert not signed_in_user(client).is_authenticated, "the suspended member is signed in"


def test_a_suspended_member_who_got_in_cannot_rewrite_their_updates(client):
    from community.models import Post
    from tests.community.factories import PostFactory

    user = verify_email(UserFactory(email="three@example.com"))
    post = PostFactory(author=user, text="A kind update")
    secret = enable_totp(user)
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    suspend_member(user=user, reason="Abusive messages")  # content left visible
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})

    client.post(f"/activities/{post.pk}/edit/", {"text": "Something abusive", "image_alt": ""})

    assert Post.objects.get(pk=post.pk).text == "A kind update"
    # Signed in before the suspension (a session that lives on), the edit itself is refused.
    client.force_login(user)
    response = client.post(f"/activities/{post.pk}/edit/", {"text": "Something abusive", "image_alt": ""})
    assert response.status_code == 403
    assert Post.objects.get(pk=post.pk).text == "A kind update"
