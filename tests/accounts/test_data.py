import json

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import get_user_model

from accounts.models import Profile, Symptom, Treatment
from accounts.services import get_profile
from tests import images
from tests.factories import PASSWORD, enable_totp, verify_email

pytestmark = pytest.mark.django_db


@pytest.fixture
def rich_member(client, member):
    """A member with something in every place the accounts app stores data."""
    verify_email(member)
    response = client.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302  # signed in through allauth, so the session is listed
    enable_totp(member)
    profile = get_profile(member)
    profile.role = Profile.Role.CAREGIVER
    profile.region = "Galway"
    profile.about = "Caring for my brother."
    profile.year_diagnosed = 2023
    profile.save()
    profile.treatments.set([Treatment.objects.create(name="Chemotherapy")])
    profile.symptoms.set([Symptom.objects.create(name="Cough")])
    client.post(
        "/accounts/settings/",
        {
            "display_name": "Maya",
            "role": "caregiver",
            "diagnosis_visibility": "members",
            "stage_visibility": "members",
            "year_diagnosed": "2023",
            "year_diagnosed_visibility": "only_me",
            "treatments": [profile.treatments.get().pk],
            "treatments_visibility": "members",
            "symptoms": [profile.symptoms.get().pk],
            "symptoms_visibility": "members",
            "region": "Galway",
            "about": "Caring for my brother.",
            "avatar": images.jpeg(),
        },
    )
    return member


def test_export_contains_every_field_of_the_member_and_nothing_of_another(client, rich_member, other_member):
    other_profile = get_profile(other_member)
    other_profile.about = "Other member's secret"
    other_profile.save()
    response = client.get("/accounts/export/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="kindred-data-')
    text = response.content.decode()
    data = json.loads(text)["accounts"]
    account_fields = {f.name for f in get_user_model()._meta.concrete_fields} - {"password"}
    assert account_fields <= set(data["account"])
    profile_fields = {f.name for f in Profile._meta.get_fields() if f.concrete and f.name not in ("id", "user")}
    assert profile_fields <= set(data["profile"])
    assert data["account"]["email"] == rich_member.email
    assert data["profile"]["treatments"] == ["Chemotherapy"]
    assert data["profile"]["year_diagnosed_visibility"] == "only_me"
    assert data["email_addresses"] == [{"email": rich_member.email, "verified": True, "primary": True}]
    assert [m["type"] for m in data["two_factor_methods"]] == ["totp"]
    assert data["sessions"], "the sign-in above should be listed"
    assert other_member.email not in text and "Other member" not in text
    rich_member.refresh_from_db()
    assert rich_member.password.split("$")[-1] not in text and "secret" not in text.lower()


def references_to(user):
    """Every row in every table that points at `user`, as (model, field, count)."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is get_user_model():
                count = model._default_manager.filter(**{field.name: user.pk}).count()
                if count:
                    found.append((model.__name__, field.name, count))
    return found


def test_deletion_leaves_no_row_or_file_of_the_member(
    client, rich_member, other_member, settings, django_capture_on_commit_callbacks
):
    other_profile = get_profile(other_member)
    assert references_to(rich_member), "the fixture should have stored things"
    files_before = list((settings.MEDIA_ROOT / "avatars").iterdir())
    assert len(files_before) == 1

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/delete/", {"password": PASSWORD}, follow=True)
    assert "Your account has been deleted" in response.content.decode()
    assert not get_user_model().objects.filter(pk=rich_member.pk).exists()
    assert references_to(rich_member) == []
    assert list((settings.MEDIA_ROOT / "avatars").iterdir()) == []
    assert not EmailAddress.objects.filter(email=rich_member.email).exists()
    # Nobody else's data went with it, and the member is signed out.
    assert Profile.objects.filter(pk=other_profile.pk).exists()
    assert client.get("/accounts/settings/").status_code == 302


def test_deletion_needs_the_right_password_and_keeps_everything_otherwise(client, rich_member):
    response = client.post("/accounts/delete/", {"password": "not my password"})
    assert response.status_code == 200
    assert "That password isn&#x27;t right. Your account has not been deleted." in response.content.decode()
    assert get_user_model().objects.filter(pk=rich_member.pk).exists()


def test_export_and_delete_need_a_signed_in_member(client):
    for url in ["/accounts/export/", "/accounts/delete/"]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_every_table_pointing_at_members_belongs_to_an_app_in_the_registry():
    """A new app whose models point at members must register its export and deletion."""
    from accounts import registry

    registered = {part.name for part in registry.parts()}
    # allauth's tables (addresses, sessions, two-factor) are exported and erased by accounts'
    # part; the admin's log records staff actions only.
    exported_by_accounts = {"account", "usersessions", "mfa"}
    for model in apps.get_models(include_auto_created=True):
        points_at_members = any(
            field.is_relation and field.related_model is get_user_model() for field in model._meta.concrete_fields
        )
        if points_at_members and model._meta.app_label != "admin":
            label = model._meta.app_label
            assert label in registered | exported_by_accounts, f"{model.__name__} ({label}) is not in the registry"


def test_an_unconfirmed_address_of_someone_else_exposes_none_of_their_mail(client, member, other_member):
    from accounts.models import OutgoingEmail

    OutgoingEmail.objects.create(
        to_email=other_member.email, from_email="x@example.com", subject="Reset your password", body_text="..."
    )
    EmailAddress.objects.create(user=member, email=other_member.email, verified=False, primary=False)
    client.force_login(member)
    assert "Reset your password" not in client.get("/accounts/export/").content.decode()
    client.post("/accounts/delete/", {"password": PASSWORD})
    assert OutgoingEmail.objects.filter(to_email=other_member.email).exists()


def test_guessing_the_password_on_the_delete_page_is_rate_limited(client, rich_member):
    for _ in range(10):
        client.post("/accounts/delete/", {"password": "a wrong guess"})
    response = client.post("/accounts/delete/", {"password": PASSWORD})  # right, but too late
    assert "Too many" in response.content.decode()
    assert get_user_model().objects.filter(pk=rich_member.pk).exists()


def test_deleting_an_account_removes_the_emails_that_told_others_what_they_did(
    client, member, other_member, django_capture_on_commit_callbacks
):
    """Notification e-mails to other members name the member in their subject and text."""
    from accounts.models import OutgoingEmail
    from community import services
    from tests.community.factories import PostFactory

    verify_email(member)
    post = PostFactory(author=verify_email(other_member), text="Scan day tomorrow")
    with django_capture_on_commit_callbacks(execute=True):
        services.create_comment(author=member, text="Thinking of you", post=post)
    OutgoingEmail.objects.create(to_email=other_member.email, from_email="x@example.com", subject="Omar's other mail")
    assert OutgoingEmail.objects.filter(to_email=other_member.email, subject__contains="Maya").exists()

    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/accounts/delete/", {"password": PASSWORD}).status_code == 302

    assert list(OutgoingEmail.objects.values_list("subject", flat=True)) == ["Omar's other mail"]


def test_deleting_an_account_removes_confirmation_emails_to_addresses_it_added(
    client, member, django_capture_on_commit_callbacks
):
    from accounts.models import OutgoingEmail

    verify_email(member)
    assert client.post("/accounts/login/", {"login": member.email, "password": PASSWORD}).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/email/", {"action_add": "", "email": "maya.private@example.org"})
    OutgoingEmail.objects.create(to_email="maya.private@example.org", from_email="x@example.com", subject="Owner's")
    assert OutgoingEmail.objects.filter(to_email="maya.private@example.org").count() == 2

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/accounts/delete/", {"password": PASSWORD}).status_code == 302

    # The address may be someone else's: their own mail stays, the confirmation link goes.
    left = OutgoingEmail.objects.filter(to_email__iexact="maya.private@example.org")
    assert list(left.values_list("subject", flat=True)) == ["Owner's"]
