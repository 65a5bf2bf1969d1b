from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "community"

    def ready(self):
        from accounts import registry

        from . import member_data

        registry.register(
            "community",
            export=member_data.export_community,
            erase=member_data.erase_community,
            hide=member_data.hide_community,
        )
