import functools

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse

# The layout's links never change while the process runs: reversed once, not on every page.
NAV = {
    "home": "home",
    "resources": "articles:article-index",
    "about": "pages:about",
    "privacy": "pages:privacy",
    "terms": "pages:terms",
    "guidelines": "pages:guidelines",
    "feed_atom": "article-feed",
    "signup": "account_signup",
    "login": "account_login",
    "logout": "account_logout",
    "settings": "accounts:settings",
    "admin": "admin:index",
    "activities": "community:feed",
    "notifications": "community:notifications",
    "questions": "community:question-list",
    "ask": "community:question-ask",
    "members": "community:member-list",
    "search": "community:search",
    "crisis_help": "community:crisis-help",
}


# The layout's files: their addresses do not change while the process runs either.
ASSETS = {
    "css": "css/site.css",
    "favicon": "img/favicon.svg",
    "hugs_js": "js/hugs.js",
    "time_js": "js/time.js",
    "menu_js": "js/menu.js",
    "forms_js": "js/forms.js",
    "logo": "img/logo.svg",
    "icons": "img/icons.svg",
}


@functools.cache
def nav_urls():
    return {key: reverse(name) for key, name in NAV.items()}


@functools.cache
def asset_urls():
    return {key: static(path) for key, path in ASSETS.items()}


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "CONDITION_NAME": settings.CONDITION_NAME,
        "nav": nav_urls(),
        "assets": asset_urls(),
    }
