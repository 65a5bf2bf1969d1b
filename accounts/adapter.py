from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.shortcuts import render
from django.urls import reverse

from .mail import queue_message


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """Rendered as allauth does, then recorded and sent through the outbox (accounts/mail.py)."""
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request), **context}
        queue_message(self.render_mail(template_prefix, email, ctx), kind=template_prefix)

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
