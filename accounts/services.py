from django.conf import settings
from django.contrib.auth import logout
from django.db import transaction
from django.utils import timezone

from . import registry, sql
from .models import OutgoingEmail, Profile

TERMS_VERSION = "2026-11"


def confirmed_primary_address(user, email):
    """The confirmed address row of `user` that is `email` (their user.email, the address we write to):
    anyone can sign up with a stranger's. Both may be OuterRefs, for a subquery."""
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True)


def primary_address_confirmed(user):
    """Whether the address we write to (user.email) is confirmed."""
    return confirmed_primary_address(user, user.email).exists()


def has_verified_email(user):
    """Whether the member has confirmed an address: what posting, hugging and reporting need.

    Plain SQL: asked on every signed-in page that offers a form."""
    from allauth.account.models import EmailAddress

    statement = f"SELECT 1 FROM {sql.table(EmailAddress)} WHERE user_id = %s AND verified = %s LIMIT 1"  # noqa: S608
    return sql.value(statement, [user.pk, True]) is not None


def get_profile(user):
    """The member's profile, created on first use (staff made in the shell have none yet)."""
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


def record_signup(*, user, display_name):
    user.display_name = display_name
    user.save(update_fields=["display_name"])
    Profile.objects.update_or_create(
        user=user, defaults={"terms_version": TERMS_VERSION, "terms_accepted_at": timezone.now()}
    )


def export_member_data(*, user):
    data = {"format": "kindred-export-1", "exported_at": timezone.now().isoformat(), "site": settings.SITE_URL}
    for part in registry.parts():
        data[part.name] = part.export(user)
    return data


def delete_member(*, user, request=None):
    """Delete the member and everything of theirs: rows first, then files once that has committed."""
    with transaction.atomic():
        for part in registry.parts():
            if part.erase:
                part.erase(user)
        # The member's row, locked last, just before it goes: an e-mail naming them that is being
        # written now (it holds their row FOR KEY SHARE, community.services.email_due_notifications)
        # is waited for and then deleted with the others naming them; one begun later waits for this
        # erasure and finds them gone. Locked first, requests that name the member at their commit
        # (a comment on their update, a hug on their comment) deadlocked with the rest of the erasure.
        list(user._meta.model.objects.select_for_update().filter(pk=user.pk).values_list("pk"))
        OutgoingEmail.objects.filter(about=user).delete()
        user.delete()
    if request is not None:
        logout(request)


def suspend_member(*, user, reason, hide_content=False):
    """Stop the member from signing in (they are told why), end their sessions, optionally hide content."""
    from allauth.usersessions.adapter import get_adapter
    from allauth.usersessions.models import UserSession

    hidden = 0
    with transaction.atomic():
        user.suspended_at = timezone.now()
        user.suspension_reason = reason
        user.save(update_fields=["suspended_at", "suspension_reason"])
        if hide_content:
            hidden = sum(part.hide(user, reason=reason) for part in registry.parts() if part.hide)
    get_adapter().end_sessions(UserSession.objects.filter(user=user))
    return hidden


def reinstate_member(*, user):
    user.suspended_at = None
    user.suspension_reason = ""
    user.save(update_fields=["suspended_at", "suspension_reason"])
    Profile.objects.filter(user=user).update(hidden_at=None, hidden_reason="")
