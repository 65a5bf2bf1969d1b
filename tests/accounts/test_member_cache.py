"""The signed-in member's row comes from the cache, and every change to it is seen at once."""

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts import member_cache
from accounts.models import User
from tests.factories import PASSWORD, verify_email

pytestmark = pytest.mark.django_db


def signed_in(member):
    client = Client()
    client.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
    # Signing in saves the row (last_login), so copies wait CHANGED_SECONDS: as if they had passed.
    cache.delete(member_cache.USER_KEY.format(member.pk))
    return client


def reads_of_user_row(client, user):
    table = connection.ops.quote_name(User._meta.db_table)
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/activities/").status_code == 200
    return [q["sql"] for q in captured if f"FROM {table}" in q["sql"]]


def test_a_signed_in_page_does_not_read_the_members_row_again(member):
    verify_email(member)
    client = signed_in(member)
    client.get("/activities/")  # this request caches the row
    assert reads_of_user_row(client, member) == []


def test_a_password_change_signs_out_the_members_other_devices_at_once(member):
    verify_email(member)
    laptop, phone = signed_in(member), signed_in(member)
    assert phone.get("/accounts/settings/").status_code == 200  # the row is cached now
    response = laptop.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": "a brand new passphrase 42", "password2": "a brand new passphrase 42"},
    )
    assert response.status_code == 302
    assert laptop.get("/accounts/settings/").status_code == 200  # Django keeps the changing session
    response = phone.get("/accounts/settings/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_deactivated_member_is_signed_out_on_their_next_request(member):
    verify_email(member)
    client = signed_in(member)
    assert client.get("/accounts/settings/").status_code == 200
    member.is_active = False
    member.save(update_fields=["is_active"])
    assert client.get("/accounts/settings/").status_code == 302


def test_a_new_display_name_shows_on_the_next_page(member):
    verify_email(member)
    client = signed_in(member)
    client.get("/accounts/settings/")
    member.display_name = "Maya R."
    member.save(update_fields=["display_name"])
    assert "Welcome, Maya R." in client.get("/accounts/welcome/").content.decode()


def test_a_stale_copy_cached_by_a_racing_request_is_not_used(member):
    verify_email(member)
    phone = signed_in(member)
    assert phone.get("/accounts/settings/").status_code == 200
    before = User.objects.get(pk=member.pk)  # a request reads the row...
    member.set_password("a brand new passphrase 42")
    member.save()  # ...the password changes and commits...
    member_cache.store_user(before)  # ...and only then does that request cache what it read
    response = phone.get("/accounts/settings/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("backend", sorted(member_cache.LEGACY_BACKENDS))
def test_members_signed_in_before_our_backends_stay_signed_in(member, backend):
    verify_email(member)
    client = Client()
    client.force_login(member)
    session = client.session
    session[BACKEND_SESSION_KEY] = backend
    session.save()
    assert client.get("/accounts/settings/").status_code == 200
    assert client.session[BACKEND_SESSION_KEY] == member_cache.LEGACY_BACKENDS[backend]


def test_an_address_marked_verified_in_the_admin_lets_the_member_post_at_once(member):
    from allauth.account.models import EmailAddress

    address = EmailAddress.objects.create(user=member, email=member.email, primary=True, verified=False)
    client = signed_in(member)
    assert "Please confirm your e-mail address" in client.get("/activities/").content.decode()  # cached
    address.set_verified()  # what the admin's "Mark as verified" does: no allauth signal is sent
    page = client.get("/activities/").content.decode()
    assert "Please confirm your e-mail address" not in page and 'name="text"' in page
