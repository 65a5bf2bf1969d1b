from allauth.account.adapter import DefaultAccountAdapter
from django.shortcuts import render
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
    def pre_login(self, request, user, **kwargs):
        if user.is_suspended:
            from allauth.account.internal.stagekit import clear_login

            clear_login(request)
            # The password was right, so it is the member themselves who learns why.
            return render(request, "account/suspended.html", {"reason": user.suspension_reason}, status=403)
        return super().pre_login(request, user, **kwargs)

    def get_login_redirect_url(self, request):
        profile = getattr(request.user, "profile", None)
        if profile is None or profile.onboarded_at is None:
            return reverse("accounts:onboarding")
        return super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request):
        return reverse("accounts:onboarding")
