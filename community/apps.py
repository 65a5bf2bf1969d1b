from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "community"

    def ready(self):
        from django.db.models.signals import post_save

        from accounts import registry
        from accounts.models import Profile

        from . import member_data

        # A member's new name or picture must reach cached feed fragments that show their comments;
        # accounts knows nothing of the community, so it is told by signal.
        post_save.connect(member_data.profile_changed, sender=Profile, dispatch_uid="community-profile-changed")
        registry.register(
            "community",
            export=member_data.export_community,
            erase=member_data.erase_community,
            hide=member_data.hide_community,
        )
