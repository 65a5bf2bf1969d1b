from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Members"

    def ready(self):
        from allauth.account.models import EmailAddress
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_delete, post_save

        from config import db

        from . import member_cache, member_data, registry

        registry.register(
            "accounts",
            export=member_data.export_account,
            erase=member_data.erase_account,
            hide=member_data.hide_profile,
        )
        # Whether a member has a confirmed address is cached: any change to an address row drops it
        # (confirming by link, the admin's "mark as verified", adding, removing, changing primary).
        for signal in (post_save, post_delete):
            signal.connect(_addresses_changed, sender=EmailAddress, dispatch_uid="verified-cache")
        # Site-wide, kept here for want of a site app: see config/db.py.
        connection_created.connect(db.install, dispatch_uid="retry-stale-plan")
        # The signed-in member's cached row (accounts/member_cache.py) goes whenever the row changes.
        for signal in (post_save, post_delete):
            signal.connect(member_cache.user_changed, sender=self.get_model("User"), dispatch_uid="user-cache")


def _addresses_changed(sender, instance, **kwargs):
    from .services import email_addresses_changed

    email_addresses_changed(user_id=instance.user_id)
