from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from .models import Article


class LatestArticlesFeed(Feed):
    feed_type = Atom1Feed
    title = f"{settings.SITE_NAME}: latest articles"
    subtitle = f"Medically reviewed articles for people living with {settings.CONDITION_NAME}."
    link = "/resources/"

    def items(self):
        return Article.objects.published().with_people()[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.reviewed_at or item.published_at

    def item_author_name(self, item):
        return item.author.display_name
