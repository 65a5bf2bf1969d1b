from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Members"

    def ready(self):
        from . import member_data, registry

        registry.register(
            "accounts",
            export=member_data.export_account,
            erase=member_data.erase_account,
            hide=member_data.hide_profile,
        )
