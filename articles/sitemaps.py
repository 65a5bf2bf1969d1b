from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Article, Expert, Page, Topic


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Article.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class TopicSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Topic.objects.all()


class ExpertSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Expert.objects.all()


class StaticSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["home", "articles:article-index", *(f"pages:{slug}" for slug in Page.Slug.values)]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "static": StaticSitemap,
    "articles": ArticleSitemap,
    "topics": TopicSitemap,
    "experts": ExpertSitemap,
}
