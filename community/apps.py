from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "community"

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_delete, post_save, pre_delete

        from accounts import registry
        from accounts.models import Profile, profiles_updated, users_updated

        from . import member_data, versions
        from .models import Answer, Comment, Post, Question, member_deleted

        # A member deleted any way (their erasure, user.delete() in the shell) takes their hugs off
        # the counts of what they hugged first: the cascade would delete the rows without.
        pre_delete.connect(member_deleted, sender=get_user_model(), dispatch_uid="hugs-of-a-deleted-member")
        # What cached pages show of member content moves their versions on (community/versions.py).
        post_save.connect(versions.post_saved, sender=Post, dispatch_uid="version-post")
        post_save.connect(versions.user_changed, sender=get_user_model(), dispatch_uid="version-user")
        post_save.connect(versions.profile_changed, sender=Profile, dispatch_uid="version-profile")
        profiles_updated.connect(versions.profiles_updated, sender=Profile, dispatch_uid="version-profiles")
        users_updated.connect(versions.users_updated, sender=get_user_model(), dispatch_uid="version-users")
        for name, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(versions.comment_changed, sender=Comment, dispatch_uid=f"version-comment-{name}")
            for model in (Question, Answer):
                uid = f"version-{model.__name__}-{name}"
                signal.connect(versions.question_or_answer_changed, sender=model, dispatch_uid=uid)
        # Signed-in pages kept whole per member (community/pages.py) show rows of these models.
        for model in versions.shown_on_member_pages():
            for name, signal in (("save", post_save), ("delete", post_delete)):
                uid = f"member-pages-{model.__name__}-{name}"
                signal.connect(versions.member_pages_changed, sender=model, dispatch_uid=uid)
        registry.register(
            "community",
            export=member_data.export_community,
            erase=member_data.erase_community,
            hide=member_data.hide_community,
        )
