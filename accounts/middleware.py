from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.shortcuts import redirect


class StaffTwoFactorMiddleware:
    """Staff reach the admin only with two-factor authentication set up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if request.path.startswith("/admin/") and user.is_authenticated and user.is_staff and not is_mfa_enabled(user):
            messages.warning(request, "Staff need two-factor authentication. Please set it up to reach the admin.")
            return redirect("mfa_activate_totp")
        return self.get_response(request)
