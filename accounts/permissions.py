"""Staff powers need two-factor authentication, everywhere, not only under /admin/.

A staff account without a second factor is one stolen password away from everything members
posted, so until it has one it has a member's powers only: `has_staff_powers()` is the one test
for seeing hidden content, previews or the admin.
"""

from functools import wraps

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import render

SECOND_FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]


def has_staff_powers(user):
    """Active staff with a TOTP or WebAuthn authenticator; remembered on this user object only."""
    if not (user.is_authenticated and user.is_staff and user.is_active):
        return False
    powers = getattr(user, "_has_staff_powers", None)
    if powers is None:
        powers = user._has_staff_powers = is_mfa_enabled(user, types=SECOND_FACTORS)
    return powers


def lacks_two_factor(user):
    """Staff who would have staff powers but for a second factor."""
    return user.is_authenticated and user.is_staff and user.is_active and not has_staff_powers(user)


def refuse_without_two_factor(request):
    """One page saying why and what to do (not allauth's set-up, which asks for the password again)."""
    return render(request, "accounts/staff_two_factor.html", status=403)


def staff_powers_required(view):
    """The admin's staff_member_required, and staff without two-factor are told to set it up."""
    staff_view = staff_member_required(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if lacks_two_factor(request.user):
            return refuse_without_two_factor(request)
        return staff_view(request, *args, **kwargs)

    return wrapper
