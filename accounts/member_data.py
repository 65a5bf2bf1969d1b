"""The accounts app's part of a member's data: account, e-mail addresses, profile, sessions, MFA."""

from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from .mail import emails_to
from .models import Profile, SuppressedAddress

# allauth's confirmation e-mails (on signing up, on adding an address): the outbox's `kind`.
CONFIRMATION_EMAILS = "account/email/email_confirmation"


def iso(value):
    return value.isoformat() if value else None


def export_account(user):
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.usersessions.models import UserSession

    profile = Profile.objects.with_details().filter(user=user).first()
    return {
        "account": {
            "id": user.pk,
            "email": user.email,
            "display_name": user.display_name,
            "date_joined": iso(user.date_joined),
            "last_login": iso(user.last_login),
            "is_active": user.is_active,
            "is_staff": user.is_staff,
            "is_superuser": user.is_superuser,
            "suspended_at": iso(user.suspended_at),
            "suspension_reason": user.suspension_reason,
            "groups": [group.name for group in user.groups.all()],
            "user_permissions": [perm.codename for perm in user.user_permissions.all()],
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user)
        ],
        "profile": export_profile(profile) if profile else None,
        "sessions": [
            {
                "ip": session.ip,
                "user_agent": session.user_agent,
                "created_at": iso(session.created_at),
                "last_seen_at": iso(session.last_seen_at),
            }
            for session in UserSession.objects.filter(user=user)
        ],
        "emails_sent": [
            {
                "to": sent.to_email,
                "subject": sent.subject,
                "kind": sent.kind,
                "status": sent.status,
                "created_at": iso(sent.created_at),
                "sent_at": iso(sent.sent_at),
            }
            for sent in emails_of(user).order_by("created_at")
        ],
        "email_suppressions": [
            {
                "email": row.email,
                "reason": row.reason,
                "detail": row.detail,
                "source": row.source,
                "suppressed_at": iso(row.suppressed_at),
                "lifted_at": iso(row.lifted_at),
            }
            for row in suppressions_of(user)
        ],
        "two_factor_methods": [
            {"type": auth.type, "created_at": iso(auth.created_at), "last_used_at": iso(auth.last_used_at)}
            for auth in Authenticator.objects.filter(user=user)
        ],
    }


def member_addresses(user):
    """Addresses proven to be the member's (confirmed): anyone can sign up with, or add, someone
    else's address, and must not export or erase what belongs to that address's owner."""
    from allauth.account.models import EmailAddress

    return set(EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True))


def emails_of(user):
    """What we sent the member: to their confirmed addresses, and to or about their account at any
    address (a former one, one they added and never confirmed)."""
    from .models import OutgoingEmail

    to_addresses = emails_to(member_addresses(user)).values("pk")
    return OutgoingEmail.objects.filter(Q(pk__in=to_addresses) | Q(member=user))


def suppressions_of(user):
    addresses = {address.lower() for address in member_addresses(user)}
    return SuppressedAddress.objects.annotate(email_lower=Lower("email")).filter(email_lower__in=addresses)


def export_profile(profile):
    return {
        "avatar": profile.avatar.name or None,
        "role": profile.role,
        "diagnosis": str(profile.diagnosis) if profile.diagnosis else None,
        "diagnosis_visibility": profile.diagnosis_visibility,
        "stage": str(profile.stage) if profile.stage else None,
        "stage_visibility": profile.stage_visibility,
        "year_diagnosed": profile.year_diagnosed,
        "year_diagnosed_visibility": profile.year_diagnosed_visibility,
        "treatments": [str(t) for t in profile.treatments.all()],
        "treatments_visibility": profile.treatments_visibility,
        "symptoms": [str(s) for s in profile.symptoms.all()],
        "symptoms_visibility": profile.symptoms_visibility,
        "region": profile.region,
        "about": profile.about,
        "digest_frequency": profile.digest_frequency,
        "notification_emails": profile.notification_emails,
        "onboarded_at": iso(profile.onboarded_at),
        "terms_version": profile.terms_version,
        "terms_accepted_at": iso(profile.terms_accepted_at),
        "hidden_at": iso(profile.hidden_at),
        "hidden_reason": profile.hidden_reason,
        "updated_at": iso(profile.updated_at),
    }


def erase_account(user):
    from allauth.account.models import EmailAddress
    from allauth.usersessions.adapter import get_adapter
    from allauth.usersessions.models import UserSession

    get_adapter().end_sessions(UserSession.objects.filter(user=user))
    # E-mails we sent them (verification links, resets) name them or their address: they go too,
    # at their confirmed addresses and, for those recorded with their account, at any address. Only
    # confirmation links reach addresses they added but never confirmed (such an address may be
    # someone else's, whose own mail stays); older rows, recorded without the account, go by kind.
    emails_of(user).delete()
    unconfirmed = EmailAddress.objects.filter(user=user, verified=False).values_list("email", flat=True)
    emails_to(unconfirmed).filter(kind__startswith=CONFIRMATION_EMAILS).delete()
    suppressions_of(user).delete()  # the relay's reports name their address too
    profile = Profile.objects.filter(user=user).first()
    if profile and profile.avatar:
        name, storage = profile.avatar.name, profile.avatar.storage
        transaction.on_commit(lambda: storage.delete(name))
    # The rest (profile, e-mail addresses, sessions, MFA) goes with the user row by cascade.


def hide_profile(user, *, reason):
    return Profile.objects.filter(user=user, hidden_at__isnull=True).update(
        hidden_at=timezone.now(), hidden_reason=reason
    )
