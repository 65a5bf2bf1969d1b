from django.apps import AppConfig

# Changes to a member that the public pages' member count follows (articles/cache.py).
COUNTED_USER_FIELDS = {"is_active", "is_staff", "suspended_at"}


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self):
        from allauth.account.models import EmailAddress
        from django.contrib.auth import get_user_model
        from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

        from accounts.models import users_updated

        from .cache import content_changed
        from .models import Article, Expert, Page, Paragraph, Source, Topic, paragraph_loaded

        pre_save.connect(paragraph_loaded, sender=Paragraph, dispatch_uid="paragraph-loaded")
        # What public pages show; a change to any of it retires every cached public page.
        for model in (Article, Expert, Source, Topic, Page, EmailAddress):
            post_save.connect(content_changed, sender=model, dispatch_uid=f"page-cache-save-{model.__name__}")
            post_delete.connect(content_changed, sender=model, dispatch_uid=f"page-cache-delete-{model.__name__}")
        m2m_changed.connect(content_changed, sender=Article.topics.through, dispatch_uid="page-cache-topics")
        post_save.connect(_member_saved, sender=get_user_model(), dispatch_uid="page-cache-save-user")
        post_delete.connect(content_changed, sender=get_user_model(), dispatch_uid="page-cache-delete-user")
        users_updated.connect(_members_updated, sender=get_user_model(), dispatch_uid="page-cache-update-users")


def _members_updated(sender, user_ids, fields, **kwargs):
    """The same, for UserQuerySet.update (a suspension or a deactivation in the shell)."""
    from .cache import content_changed

    if fields & COUNTED_USER_FIELDS:
        content_changed()


def _member_saved(sender, instance, created, update_fields=None, **kwargs):
    """The member count: a new member, or one whose standing changed (not a sign-in's last_login)."""
    from .cache import content_changed

    if created or update_fields is None or set(update_fields) & COUNTED_USER_FIELDS:
        content_changed()
