import pytest
from allauth.usersessions.models import UserSession

from accounts.models import Profile, User
from accounts.services import get_profile
from tests.factories import PASSWORD, UserFactory, enable_totp, totp_code, verify_email

pytestmark = pytest.mark.django_db


def test_staff_without_two_factor_see_one_page_saying_why_and_what_to_do(client, staff_without_mfa):
    client.force_login(staff_without_mfa)
    for url in ["/admin/", "/admin/articles/article/", "/admin/accounts/user/"]:
        response = client.get(url)
        assert response.status_code == 403, url
        body = response.content.decode()
        assert "Set up two-factor authentication to use the admin" in body, url
        assert 'href="/accounts/2fa/totp/activate/"' in body
        assert 'type="password"' not in body  # an explanation, not another password prompt


def test_staff_with_two_factor_reach_the_admin(client, staff):
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200


def test_admin_login_goes_through_the_rate_limited_two_factor_sign_in(client):
    user = verify_email(UserFactory(email="editor@example.com", is_staff=True, is_superuser=True))
    secret = enable_totp(user)
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")

    response = client.post("/accounts/login/?next=/admin/", {"login": user.email, "password": PASSWORD})
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    assert client.get("/admin/").status_code == 302  # not signed in until the code is given
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_members_get_a_styled_refusal_from_the_admin(client, member):
    client.force_login(member)
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 403
    assert "You don't have access to this page" in response.content.decode()


def test_suspended_member_is_told_why_when_signing_in_and_their_sessions_end(client, staff):
    member = verify_email(UserFactory(email="rowdy@example.com"))
    member_client = client.__class__()
    member_client.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert UserSession.objects.filter(user=member).count() == 1
    get_profile(member)

    client.force_login(staff)
    response = client.post(
        "/admin/accounts/user/",
        {
            "action": "suspend",
            "_selected_action": [member.pk],
            "apply": "1",
            "reason": "Selling supplements in comments, against the guidelines.",
            "hide_content": "on",
        },
        follow=True,
    )
    assert "1 member(s) suspended; 1 item(s) hidden." in response.content.decode()
    assert not UserSession.objects.filter(user=member).exists()
    assert member_client.get("/accounts/settings/").status_code == 302  # signed out

    response = member_client.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert response.status_code == 403
    assert "Selling supplements in comments, against the guidelines." in response.content.decode()
    # A wrong password learns nothing about the suspension.
    response = member_client.post("/accounts/login/", {"login": member.email, "password": "wrong"})
    assert "Selling supplements" not in response.content.decode()

    other = UserFactory()
    member_client.force_login(other)
    assert member_client.get(f"/members/{member.pk}/").status_code == 404
    assert Profile.objects.get(user=member).hidden_reason.startswith("Selling")


def test_reinstating_a_member_lets_them_back_in(client, staff):
    member = verify_email(UserFactory(suspended_at="2026-01-01T00:00:00Z", suspension_reason="Spam"))
    client.force_login(staff)
    client.post("/admin/accounts/user/", {"action": "reinstate", "_selected_action": [member.pk]})
    assert not User.objects.get(pk=member.pk).is_suspended
    client.logout()
    response = client.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302


def test_member_admin_searches_and_filters(client, staff):
    UserFactory(email="findme@example.com", display_name="Findable")
    UserFactory(email="someone-else@example.com", display_name="Someone")
    UserFactory(email="suspended@example.com", suspended_at="2026-01-01T00:00:00Z", suspension_reason="Spam")
    client.force_login(staff)
    body = client.get("/admin/accounts/user/", {"q": "findme"}).content.decode()
    assert "findme@example.com" in body and "someone-else@example.com" not in body
    body = client.get("/admin/accounts/user/", {"suspended": "yes"}).content.decode()
    assert "suspended@example.com" in body and "findme@example.com" not in body


def test_members_list_and_end_their_other_sessions(client):
    member = verify_email(UserFactory())
    laptop, phone = client.__class__(), client.__class__(HTTP_USER_AGENT="PhoneBrowser/1.0")
    laptop.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
    phone.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
    page = laptop.get("/accounts/sessions/")
    assert "PhoneBrowser/1.0" in page.content.decode()
    assert "/static/css/site.css" in page.content.decode()
    laptop.post("/accounts/sessions/", {"action": "logout"})
    assert phone.get("/accounts/settings/").status_code == 302
    assert laptop.get("/accounts/settings/").status_code == 200


@pytest.mark.parametrize(
    "url", ["/accounts/email/", "/accounts/password/change/", "/accounts/2fa/", "/accounts/settings/"]
)
def test_account_pages_use_our_layout(client, member, url):
    client.force_login(member)
    body = client.get(url).content.decode()
    assert "/static/css/site.css" in body
    assert 'aria-label="Account settings"' in body
