from allauth.mfa.utils import is_mfa_enabled
from django.shortcuts import render


class StaffTwoFactorMiddleware:
    """Staff reach the admin only with two-factor authentication set up.

    Without it they get one page saying why and what to do, rather than being sent straight into
    allauth's set-up, which first asks for the password they just typed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if request.path.startswith("/admin/") and user.is_authenticated and user.is_staff and not is_mfa_enabled(user):
            return render(request, "accounts/staff_two_factor.html", status=403)
        return self.get_response(request)
