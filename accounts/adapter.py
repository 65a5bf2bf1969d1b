from types import SimpleNamespace
from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.shortcuts import render
from django.urls import reverse

from .mail import queue_message

# allauth's answers to a sign-up or password reset for an address, whoever typed it in.
SENT_TO_ANY_ADDRESS = {"account/email/unknown_account", "account/email/account_already_exists"}


def on_site(url):
    """`url` (absolute, built from the request's host by allauth) on SITE_URL instead.

    A request may arrive under any allowed host (127.0.0.1:8000, an internal name behind a
    proxy); links in e-mails must point at the site's public address.
    """
    parts = urlsplit(url)
    return settings.SITE_URL + urlunsplit(("", "", parts.path, parts.query, parts.fragment))


# What the database keeps of an address (RFC 5321's limit); allauth's forms take up to 320.
EMAIL_MAX_LENGTH = 254


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email):
        """Every address a member types (sign-up, adding an address, a password reset): one longer than
        the database keeps was a 500, or was cut to a broken address at sign-up."""
        if len(email) > EMAIL_MAX_LENGTH:
            raise forms.ValidationError(
                f"That e-mail address is too long: an address has at most {EMAIL_MAX_LENGTH} characters."
            )
        return super().clean_email(email)

    def is_safe_url(self, url):
        """allauth's check, for a `next` that is not an address at all (e.g. "http://[") too:
        not safe, rather than a 500 on the sign-in pages."""
        try:
            return super().is_safe_url(url)
        except ValueError:
            return False

    def send_notification_mail(self, template_prefix, user, context=None, email=None):
        """allauth's security notices (address or password changed, new sign-in), with the account
        they are about, which send_mail records with the e-mail."""
        return super().send_notification_mail(template_prefix, user, {"user": user, **(context or {})}, email)

    def send_mail(self, template_prefix, email, context):
        """Rendered from our templates (templates/account/email/, templates/mfa/email/), then recorded
        and sent through the outbox (accounts/mail.py).

        Without django.contrib.sites, allauth names the site after the request's host ("Hello from
        127.0.0.1:8000!"); every message names SITE_NAME and links with SITE_URL instead.
        """
        request = allauth_context.request
        context = {key: on_site(value) if key.endswith("_url") and value else value for key, value in context.items()}
        ctx = {
            "request": request,
            "email": email,
            "current_site": SimpleNamespace(name=settings.SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc),
            "site_name": settings.SITE_NAME,
            "site_url": settings.SITE_URL,
            "SITE_NAME": settings.SITE_NAME,  # what the e-mail layout (templates/emails/_layout.html) shows
            "SITE_URL": settings.SITE_URL,
            "condition_name": settings.CONDITION_NAME,
            "change_password_url": settings.SITE_URL + reverse("account_reset_password"),
            "about_url": settings.SITE_URL + reverse("pages:about"),
            **context,
        }
        # Account mail (confirm an address, reset a password, security notices) goes even to a
        # suppressed address: the person asked for it, or must know of a change to their account.
        # What anyone can have sent to any address by typing it into a form (the answers that hide
        # whether an account exists) respects the suppression.
        requested = template_prefix not in SENT_TO_ANY_ADDRESS
        member = context.get("user")  # the account the message is about, when allauth names one
        member = member if isinstance(member, get_user_model()) and member.pk else None
        message = self.render_mail(template_prefix, email, ctx)
        queue_message(message, kind=template_prefix, requested=requested, member=member)

    def format_email_subject(self, subject):
        return f"{settings.SITE_NAME}: {subject}"

    def pre_login(self, request, user, **kwargs):
        if user.is_suspended:
            return self._refuse_suspended(request, user)
        return super().pre_login(request, user, **kwargs)

    def login(self, request, user):
        """The last step of every way in, checked again: a member suspended while a sign-in waited
        on a stage (the confirmation link after signing up, the two-factor code) is not let in."""
        if user.is_suspended:
            from allauth.core.exceptions import ImmediateHttpResponse

            raise ImmediateHttpResponse(self._refuse_suspended(request, user))
        return super().login(request, user)

    def _refuse_suspended(self, request, user):
        from allauth.account.internal.stagekit import clear_login

        clear_login(request)
        # The password (or the link, or the code) was right, so it is the member who learns why.
        return render(request, "account/suspended.html", {"reason": user.suspension_reason}, status=403)

    def get_login_redirect_url(self, request):
        profile = getattr(request.user, "profile", None)
        if profile is None or profile.onboarded_at is None:
            return reverse("accounts:onboarding")
        return super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request):
        return reverse("accounts:onboarding")
