from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Members"

    def ready(self):
        from allauth.account import signals

        from . import member_data, registry

        registry.register(
            "accounts",
            export=member_data.export_account,
            erase=member_data.erase_account,
            hide=member_data.hide_profile,
        )
        # allauth decides when an address is confirmed; the cached answer must follow it.
        for name in ("email_confirmed", "email_added", "email_removed", "email_changed"):
            getattr(signals, name).connect(_addresses_changed, dispatch_uid=f"verified-cache-{name}")


def _addresses_changed(sender, user=None, email_address=None, **kwargs):
    from .services import email_addresses_changed

    email_addresses_changed(user=user or getattr(email_address, "user", None))
