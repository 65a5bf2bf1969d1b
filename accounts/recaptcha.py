"""reCAPTCHA v3, on only when keys are configured, and never a 500.

django-recaptcha catches only HTTP errors from Google; a refused connection, a DNS failure or a
timeout raise. This field verifies itself, so any failure to reach Google becomes a form error
within RECAPTCHA_VERIFY_REQUEST_TIMEOUT seconds, and a low score says so instead of failing silently.
"""

import logging

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django_recaptcha import client
from django_recaptcha.fields import ReCaptchaField
from django_recaptcha.widgets import ReCaptchaV3

logger = logging.getLogger(__name__)

MESSAGES = {
    "required": "We couldn't confirm that you're a person: please make sure scripts from google.com can "
    "load on this page, then try again.",
    "unreachable": "We couldn't reach our spam check just now. Nothing was saved; please try again in a minute.",
    "invalid": "Our spam check didn't accept this attempt. Please reload the page and try again.",
    "low_score": "Our spam check thinks this might be automated. If you're a person, please wait a moment "
    "and try again, or write to us from the About page.",
}


class CaptchaWidget(ReCaptchaV3):
    """A hidden input filled by static/js/recaptcha.js: no inline script, so our CSP holds."""

    template_name = "accounts/widgets/recaptcha_v3.html"


class CaptchaField(ReCaptchaField):
    default_error_messages = {**ReCaptchaField.default_error_messages, **MESSAGES}

    def __init__(self, *, action, **kwargs):
        super().__init__(
            widget=CaptchaWidget(action=action, required_score=settings.RECAPTCHA_REQUIRED_SCORE),
            label="",
            **kwargs,
        )
        self.request_ip = None

    def validate(self, value):
        forms.CharField.validate(self, value)
        try:
            result = client.submit(recaptcha_response=value, private_key=self.private_key, remoteip=self.request_ip)
        except (OSError, ValueError) as exc:  # URLError, timeouts, refused connections, bad JSON
            logger.warning("reCAPTCHA verification unreachable: %r", exc)
            raise ValidationError(self.error_messages["unreachable"], code="unreachable") from exc
        if not result.is_valid or result.action != self.widget.action:
            logger.info("reCAPTCHA rejected: %s (action %r)", result.error_codes, result.action)
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        score = float(result.extra_data.get("score", 0) or 0)
        if score < float(self.widget.required_score):
            raise ValidationError(self.error_messages["low_score"], code="low_score")


def add_captcha(form, *, action, request=None):
    """Give `form` a reCAPTCHA v3 field when keys are configured; do nothing otherwise."""
    if not settings.RECAPTCHA_ENABLED:
        return
    field = CaptchaField(action=action)
    # Only REMOTE_ADDR: X-Forwarded-For is whatever the client says it is.
    field.request_ip = request.META.get("REMOTE_ADDR") if request is not None else None
    form.fields["captcha"] = field
