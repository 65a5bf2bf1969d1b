from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.static import serve

from articles import views as article_views
from articles.feeds import LatestArticlesFeed
from articles.models import Page
from articles.sitemaps import SITEMAPS

from . import views

pages = [path(f"{slug}/", article_views.page_detail, {"slug": slug}, name=slug) for slug in Page.Slug.values]

urlpatterns = [
    path("", article_views.home, name="home"),
    path("", include("articles.urls")),
    path("", include((pages, "pages"))),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("feeds/articles/", LatestArticlesFeed(), name="article-feed"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", article_views.robots_txt, name="robots"),
    path("healthz", views.healthz, name="healthz"),
]
if settings.BENCHMARK_FLOOR:
    urlpatterns.append(path("bench/floor/", views.floor))
if settings.SERVE_MEDIA:
    urlpatterns.append(
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    )
