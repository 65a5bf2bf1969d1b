from django.apps import AppConfig

REQUIRED = "Please fill in this field."


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Members"

    def ready(self):
        # Every form on the site, ours and allauth's: our wording instead of "This field is required."
        from django import forms

        from . import member_data, registry

        forms.Field.default_error_messages = {"required": REQUIRED}

        registry.register(
            "accounts",
            export=member_data.export_account,
            erase=member_data.erase_account,
            hide=member_data.hide_profile,
        )
