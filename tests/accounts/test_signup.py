import pytest
from allauth.account.models import EmailAddress

from accounts.models import Profile, User
from accounts.services import TERMS_VERSION
from tests.conftest import link_in
from tests.factories import PASSWORD, UserFactory
from tests.tokens import without_tokens

pytestmark = pytest.mark.django_db

GOOD = {
    "display_name": "Lena",
    "email": "lena@example.com",
    "password1": "quiet harbour lanterns",
    "password2": "quiet harbour lanterns",
    "agree": "on",
}


def normalized(response):
    """The page without what differs per request (CSRF tokens)."""
    return without_tokens(response.content.decode())


def test_signup_records_name_and_consent_and_sends_a_verification_link(client, smtp_sink):
    response = client.post("/accounts/signup/", GOOD, follow=True)
    assert response.status_code == 200
    assert "Verify Your Email Address" in response.content.decode()
    user = User.objects.get(email="lena@example.com")
    assert user.display_name == "Lena"
    profile = Profile.objects.get(user=user)
    assert profile.terms_version == TERMS_VERSION and profile.terms_accepted_at is not None
    [message] = smtp_sink.to("lena@example.com")
    assert message["Subject"].startswith("Kindred: ")
    path = link_in(smtp_sink.text(message), "/accounts/confirm-email/")
    # The link shows a button (link scanners follow GETs); pressing it confirms and signs in.
    assert client.get(path).status_code == 200
    assert not EmailAddress.objects.get(user=user).verified
    response = client.post(path)
    assert EmailAddress.objects.get(user=user).verified
    assert response.status_code == 302 and response["Location"] == "/accounts/welcome/"


def test_signup_without_consent_is_refused_and_stores_nothing(client):
    response = client.post("/accounts/signup/", {**GOOD, "agree": ""})
    assert "Please agree to the Terms of Use and the Privacy Policy to join." in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.parametrize(
    "name, message",
    [
        ("", "Please enter the name other members will see."),
        ("   ", "Please enter the name other members will see."),
        ("x" * 500, "Please keep your name to 60 characters or fewer."),
        ("x" * 600, "Please keep your name to 60 characters or fewer."),  # past the field's own 500
        ("me@example.com", "Please don&#x27;t use an e-mail address as your name"),
    ],
)
def test_bad_names_are_refused_with_a_message(client, name, message):
    response = client.post("/accounts/signup/", {**GOOD, "display_name": name})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.exists()


def test_signup_answers_the_same_for_a_known_and_a_new_address(client, smtp_sink):
    UserFactory(email="known@example.com")
    known = client.post("/accounts/signup/", {**GOOD, "email": "known@example.com"}, follow=True)
    client.logout()
    new = client.post("/accounts/signup/", {**GOOD, "email": "new@example.com"}, follow=True)
    assert known.status_code == new.status_code == 200
    assert known.redirect_chain == new.redirect_chain
    assert normalized(known).replace("known@example.com", "X") == normalized(new).replace("new@example.com", "X")
    assert User.objects.filter(email="known@example.com").count() == 1
    # The owner of the known address is told by e-mail instead.
    assert len(smtp_sink.to("known@example.com")) == 1


def test_password_reset_answers_the_same_for_a_known_and_an_unknown_address(client, smtp_sink):
    UserFactory(email="known@example.com")
    known = client.post("/accounts/password/reset/", {"email": "known@example.com"}, follow=True)
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.com"}, follow=True)
    assert known.status_code == unknown.status_code == 200
    assert known.redirect_chain == unknown.redirect_chain
    assert normalized(known) == normalized(unknown)
    [reset] = smtp_sink.to("known@example.com")
    assert "/accounts/password/reset/key/" in smtp_sink.text(reset)


def test_unverified_member_can_sign_in_and_browse_and_is_asked_to_verify(client, smtp_sink):
    user = UserFactory(email="fresh@example.com")
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    response = client.post("/accounts/login/", {"login": "fresh@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").context["user"] == user
    body = client.get("/accounts/settings/").content.decode()
    assert "Please confirm your e-mail address." in body


def test_login_page_and_others_use_our_layout(client):
    for url in ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]:
        body = client.get(url).content.decode()
        assert "/static/css/site.css" in body, url
        assert "Connect with others who understand." in body, url
        assert 'content="noindex"' in body, url


def test_logout_signs_the_member_out(client, member):
    client.force_login(member)
    client.post("/accounts/logout/")
    assert client.get("/accounts/settings/").status_code == 302


def test_send_the_link_again_from_settings_is_rate_limited(client, member, mailoutbox):
    from allauth.account.models import EmailAddress

    from tests.conftest import run_on_commit_callbacks

    EmailAddress.objects.create(user=member, email=member.email, primary=True, verified=False)
    client.force_login(member)
    settings_page = client.get("/accounts/settings/").content.decode()
    assert 'action="/accounts/email/"' in settings_page and 'name="action_send"' in settings_page
    for _ in range(3):
        client.post("/accounts/email/", {"email": member.email, "action_send": ""})
        run_on_commit_callbacks()  # the outbox hands the message to Celery on commit
    confirmations = [m for m in mailoutbox if member.email in m.to]
    assert len(confirmations) == 1
    assert "/accounts/confirm-email/" in confirmations[0].body


TOO_LONG = "x" * 300 + "@example.com"
SAYS_TOO_LONG = "That e-mail address is too long"


def test_an_address_longer_than_any_is_refused_with_a_message_wherever_it_is_typed(client, member):
    """Found by a bad-input hunt: adding one or asking for a reset was a 500, and signing up cut it
    to a broken address the account could never confirm."""
    response = client.post("/accounts/signup/", {**GOOD, "email": TOO_LONG})
    assert response.status_code == 200 and SAYS_TOO_LONG in response.content.decode()
    assert not User.objects.filter(display_name="Lena").exists()

    response = client.post("/accounts/password/reset/", {"email": TOO_LONG})
    assert response.status_code == 200 and SAYS_TOO_LONG in response.content.decode()

    client.force_login(member)
    response = client.post("/accounts/email/", {"email": TOO_LONG, "action_add": "1"})
    assert response.status_code == 200 and SAYS_TOO_LONG in response.content.decode()
    assert not EmailAddress.objects.filter(user=member, email__startswith="xxx").exists()
