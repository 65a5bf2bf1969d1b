from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = "Newsletter and digests"

    def ready(self):
        from allauth.account.signals import email_confirmed
        from anymail.signals import tracking

        from accounts import registry

        from . import member_data, relay, signals

        # A new member becomes a subscriber once their address is confirmed. allauth sends the
        # signal; accounts knows nothing of the newsletter.
        email_confirmed.connect(signals.member_confirmed_email, dispatch_uid="newsletter-member-subscriber")
        # The relay's webhooks report bounces and complaints through anymail's signal.
        tracking.connect(relay.handle_tracking_event, dispatch_uid="newsletter-relay-tracking")
        registry.register("newsletter", export=member_data.export_subscription, erase=member_data.erase_subscription)
