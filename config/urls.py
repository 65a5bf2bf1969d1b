from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from articles import views as article_views
from articles.feeds import LatestArticlesFeed
from articles.models import Page
from articles.sitemaps import SITEMAPS
from insights import views as insights_views
from newsletter import views as newsletter_views

from . import views

# The admin's own login form has no rate limit and no two-factor step: send staff through allauth's.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = f"{settings.SITE_NAME} admin"
admin.site.site_title = f"{settings.SITE_NAME} admin"
admin.site.index_title = f"Run {settings.SITE_NAME}"

pages = [path(f"{slug}/", article_views.page_detail, {"slug": slug}, name=slug) for slug in Page.Slug.values]

urlpatterns = [
    path("", article_views.home, name="home"),
    path("", include("articles.urls")),
    path("", include((pages, "pages"))),
    path("", include("accounts.urls")),
    path("", include("community.urls")),
    path("newsletter/", include("newsletter.urls")),
    path("accounts/settings/email/", newsletter_views.email_settings, name="email-settings"),
    path("accounts/", include("allauth.urls")),
    # Inside the admin (its login, staff check and two-factor requirement), before admin's own URLs.
    path("admin/insights/", admin.site.admin_view(insights_views.insights), name="admin-insights"),
    path("admin/", admin.site.urls),
    path("anymail/", include("newsletter.relay")),
    path("feeds/articles/", LatestArticlesFeed(), name="article-feed"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", article_views.robots_txt, name="robots"),
    path("healthz", views.healthz, name="healthz"),
]
if settings.SERVE_MEDIA:
    # Public uploads only: members' pictures (posts/, avatars/) go through the views that check who
    # asks (accounts/pictures.py), and nothing else under media/ is served.
    urlpatterns.append(
        re_path(r"^media/(?P<path>(?:articles|experts)/[^/]+)$", views.media),
    )
