"""Bounces and complaints reported by the mail relay afterwards, through django-anymail's webhooks.

Most relays accept a message first and report later that it bounced or that its recipient marked
it as spam. Anymail turns each provider's webhook into one `tracking` signal; `record_relay_event`
(services) suppresses the address (a hard bounce or a complaint at once, soft bounces at the
bounce limit). Each webhook authenticates as anymail does for its provider: the shared basic-auth
secret (ANYMAIL_WEBHOOK_SECRET, in the URL given to the relay), plus the provider's signature
where it has one (Mailgun's HMAC). A provider that is not configured is not served at all.
"""

import logging

from anymail.exceptions import AnymailError, AnymailWebhookValidationFailure
from anymail.signals import EventType, RejectReason
from anymail.webhooks.amazon_ses import AmazonSESTrackingWebhookView
from anymail.webhooks.mailgun import MailgunTrackingWebhookView
from django.conf import settings
from django.core.exceptions import BadRequest
from django.db import transaction
from django.http import Http404
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from . import services
from .models import RelayEvent
from .services import COMPLAINT, HARD, SOFT

logger = logging.getLogger(__name__)

MAX_ADDRESS = 254  # longer is no address (RFC 5321), and would not fit the suppression's column
# What anymail's validators and parsers raise on a payload of the wrong shape (a list where an
# object belongs, a number for an address, a token that is not ASCII: UnicodeError is a ValueError).
UNREADABLE = (AttributeError, KeyError, TypeError, ValueError)


def handle_tracking_event(sender, event, esp_name, **kwargs):
    """anymail's `tracking` signal: what each event means for the address. Relays deliver an event
    again when our answer was slow or lost: one with an id already acted on changes nothing (a soft
    bounce counts once), recorded in the same transaction as what it did."""
    outcome = classify(event)
    recipient = event.recipient
    if outcome is None or not isinstance(recipient, str) or not recipient or len(recipient) > MAX_ADDRESS:
        return
    if storable(recipient) != recipient:  # no address holds a NUL or a lone surrogate
        return
    with transaction.atomic():
        if event.event_id:
            event_id = storable(str(event.event_id))[:200]
            _seen, new = RelayEvent.objects.get_or_create(source=esp_name[:60], event_id=event_id)
            if not new:
                return
        # A remote server's words, kept for staff: made storable, not a 500 on every retry.
        detail = storable(" ".join(str(part) for part in [event.description, event.mta_response] if part))
        services.record_relay_event(email=recipient, outcome=outcome, detail=detail[:2000], source=esp_name)


def storable(text):
    """What PostgreSQL can keep of a relay's text: JSON may carry a NUL or a lone surrogate (half of
    a character), which it refuses; the NUL is dropped and the half character becomes "?"."""
    return text.encode("utf-8", "replace").decode("utf-8").replace("\x00", "")


def classify(event):
    """COMPLAINT, HARD, SOFT or None (nothing to do: delivered, opened, a delay the relay retries)."""
    if event.event_type == EventType.COMPLAINED:
        return COMPLAINT
    if event.event_type == EventType.BOUNCED:
        # Amazon SES reports every bounce as "bounced"; its bounceType tells a mailbox that does not
        # exist (Permanent) from one that is full or away for now (Transient, Undetermined). Other
        # relays report the temporary ones as "deferred" and retry them themselves.
        bounce = (event.esp_event or {}).get("bounce") if isinstance(event.esp_event, dict) else None
        if bounce and bounce.get("bounceType") != "Permanent":
            return SOFT
        return HARD
    if event.event_type == EventType.REJECTED and event.reject_reason == RejectReason.BOUNCED:
        return HARD  # the relay refused to send: it already knows the address bounces
    if event.event_type == EventType.REJECTED and event.reject_reason == RejectReason.SPAM:
        return COMPLAINT
    return None


class CarefulWebhookMixin:
    """A malformed payload is a 400, never a 500."""

    def run_validators(self, request):
        try:
            super().run_validators(request)
        except AnymailWebhookValidationFailure:
            raise  # Django answers 400 and logs it as a suspicious operation
        except (AnymailError, *UNREADABLE) as exc:  # e.g. a body that is not a JSON object
            raise BadRequest("Malformed webhook request.") from exc

    def parse_events(self, request):
        try:
            return super().parse_events(request)
        except (AnymailError, *UNREADABLE) as exc:
            logger.warning("Unreadable %s webhook payload: %r", self.esp_name, exc)
            raise BadRequest("Malformed webhook payload.") from exc


class AmazonSESTracking(CarefulWebhookMixin, AmazonSESTrackingWebhookView):
    pass


class MailgunTracking(CarefulWebhookMixin, MailgunTrackingWebhookView):
    pass


def when_configured(view_class, *required):
    """The view, served only once its settings are there: without the shared secret anymail would
    accept anyone's posts (with a warning), and a missing signing key would be a 500 per request."""
    view = view_class.as_view()

    @csrf_exempt
    def webhook(request, *args, **kwargs):
        configured = getattr(settings, "ANYMAIL", {})
        if not all(configured.get(name) for name in ("WEBHOOK_SECRET", *required)):
            raise Http404("This relay's webhook is not configured.")
        return view(request, *args, **kwargs)

    return webhook


# anymail's own paths, under /anymail/ (config/urls.py): only the tracking webhooks we handle.
app_name = "anymail"
urlpatterns = [
    path("amazon_ses/tracking/", when_configured(AmazonSESTracking), name="amazon_ses_tracking_webhook"),
    path(
        "mailgun/tracking/",
        when_configured(MailgunTracking, "MAILGUN_WEBHOOK_SIGNING_KEY"),
        name="mailgun_tracking_webhook",
    ),
]
