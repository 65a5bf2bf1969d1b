import json

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_safe

from accounts.models import User
from accounts.permissions import staff_powers_required

from .cache import cached_public_page
from .models import Article, Expert, Page, Topic
from .search import clean_query

ARTICLES_PER_PAGE = 12
EXPERT_ARTICLES_PER_PAGE = 20


@require_safe
@cached_public_page
def home(request):
    latest = Article.objects.published().with_people()[:6]
    return render(
        request,
        "articles/home.html",
        {"latest": latest, "member_count": User.objects.member_count(), "topics": Topic.objects.all()},
    )


@require_safe
@cached_public_page
def article_index(request, topic_slug=None):
    topic = get_object_or_404(Topic, slug=topic_slug) if topic_slug else None
    query, _ = clean_query(request.GET.get("q"))
    articles = Article.objects.published().with_people().search(query)
    if topic:
        articles = articles.filter(topics=topic)
    page = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "articles/article_index.html",
        {"page": page, "topic": topic, "query": query, "topics": Topic.objects.all()},
    )


@require_safe
@cached_public_page
def article_detail(request, slug):
    article = get_object_or_404(Article.objects.published().with_people(), slug=slug)
    return render_article(request, article)


@staff_powers_required
def article_preview(request, pk):
    """Staff (with two-factor) see any article, whatever its status, exactly as readers will."""
    article = get_object_or_404(Article.objects.with_people(), pk=pk)
    return render_article(request, article, preview=True)


def render_article(request, article, preview=False, comment_form=None, status=200):
    sources = list(article.sources.all())
    topics = list(article.topics.all())
    related = (
        Article.objects.published()
        .filter(topics__in=topics)
        .exclude(pk=article.pk)
        .distinct()
        .only("title", "slug", "lead", "published_at")[:3]
        if topics
        else []
    )
    return render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "sources": sources,
            "topics": topics,
            "related": related,
            "member_count": User.objects.member_count(),
            "preview": preview,
            "json_ld": article_json_ld(article, topics),
            "comment_form": comment_form,
        },
        status=status,
    )


def article_json_ld(article, topics):
    def person(expert):
        return {
            "@type": "Person",
            "name": expert.name,
            "honorificSuffix": expert.credentials,
            "url": settings.SITE_URL + expert.get_absolute_url(),
        }

    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": article.title,
        "headline": article.title,
        "description": article.lead,
        "url": settings.SITE_URL + article.get_absolute_url(),
        "author": person(article.author),
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME, "url": settings.SITE_URL},
        "about": [{"@type": "Thing", "name": topic.name} for topic in topics],
        "inLanguage": "en",
    }
    if article.published_at:
        data["datePublished"] = article.published_at.date().isoformat()
    if article.reviewer:
        data["reviewedBy"] = person(article.reviewer)
    if article.reviewed_at and article.reviewed_at <= timezone.now():  # a review that happened
        data["lastReviewed"] = article.reviewed_at.date().isoformat()
    if article.hero_image:
        data["image"] = settings.SITE_URL + article.hero_image.url
    # Escape as json_script does, so no text can close the <script> element.
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")


@require_safe
@cached_public_page
def expert_detail(request, slug):
    expert = get_object_or_404(Expert, slug=slug)
    articles = Article.objects.published().with_people().filter(Q(author=expert) | Q(reviewer=expert)).distinct()
    page = Paginator(articles, EXPERT_ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "articles/expert_detail.html", {"expert": expert, "page": page})


@require_safe
@cached_public_page
def page_detail(request, slug):
    page = get_object_or_404(Page, slug=slug)
    return render(request, "pages/page.html", {"page": page})


@require_safe
def robots_txt(request):
    text = render_to_string("robots.txt", {"SITE_URL": settings.SITE_URL})
    return HttpResponse(text, content_type="text/plain")
