from .permissions import lacks_two_factor, refuse_without_two_factor


class StaffTwoFactorMiddleware:
    """Staff reach the admin only with two-factor authentication set up (accounts/permissions.py).

    Without it they get one page saying why and what to do, rather than being sent straight into
    allauth's set-up, which first asks for the password they just typed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/") and lacks_two_factor(request.user):
            return refuse_without_two_factor(request)
        return self.get_response(request)
