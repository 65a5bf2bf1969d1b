from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .cache import content_changed
        from .models import Article, Expert, Source, Topic

        # What an article page shows; a change to any of it retires every cached article page.
        for model in (Article, Expert, Source, Topic):
            post_save.connect(content_changed, sender=model, dispatch_uid=f"page-cache-save-{model.__name__}")
            post_delete.connect(content_changed, sender=model, dispatch_uid=f"page-cache-delete-{model.__name__}")
        m2m_changed.connect(content_changed, sender=Article.topics.through, dispatch_uid="page-cache-topics")
