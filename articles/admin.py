from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from accounts.fields import CleanedImageField

from .models import Article, Expert, Page, Source, Topic

# Pictures uploaded here are published: they lose location and camera details like members' do.
CLEANED_PICTURES = {models.ImageField: {"form_class": CleanedImageField}}


@admin.register(Expert)
class ExpertAdmin(admin.ModelAdmin):
    formfield_overrides = CLEANED_PICTURES
    list_display = ["name", "credentials", "updated_at"]
    search_fields = ["name", "credentials", "email"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "review_interval_months"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class SourceInline(admin.TabularInline):
    model = Source
    extra = 1
    fields = ["position", "title", "publisher", "url", "year"]


STATES = {"draft": "Draft", "in_review": "In review", "scheduled": "Scheduled", "published": "Published"}


def article_state(article):
    if article.status == Article.Status.PUBLISHED and article.published_at and article.published_at > timezone.now():
        return "scheduled"
    return article.status


class StateFilter(admin.SimpleListFilter):
    """The article's true state: a published article whose date is still ahead is scheduled."""

    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return list(STATES.items())

    def queryset(self, request, queryset):
        now, published = timezone.now(), Article.Status.PUBLISHED
        if self.value() == "scheduled":
            return queryset.filter(status=published, published_at__gt=now)
        if self.value() == "published":
            return queryset.filter(status=published, published_at__lte=now)
        if self.value() in (Article.Status.DRAFT, Article.Status.IN_REVIEW):
            return queryset.filter(status=self.value())
        return queryset


class ReviewDueFilter(admin.SimpleListFilter):
    title = "medical review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("overdue", "Overdue"),
            ("due", f"Due within {settings.ARTICLE_REVIEW_NOTICE_DAYS} days or overdue"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.review_overdue()
        if self.value() == "due":
            return queryset.review_due_soon()
        return queryset


class KeyAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete widget, for a form sent back with a value that is not a key at all (a
    hand-made "abc"): shown as nothing chosen, beside the field's own error, where Django's would
    look it up in the database and fail with a 500."""

    def optgroups(self, name, value, attr=None):
        key = self.field.remote_field.model._meta.pk

        def is_key(choice):
            try:
                key.to_python(choice)
            except ValidationError:
                return False
            return True

        return super().optgroups(name, [choice for choice in value if is_key(choice)], attr)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    formfield_overrides = CLEANED_PICTURES
    list_display = [
        "title",
        "state",
        "author",
        "reviewer",
        "published_at",
        "reviewed_at",
        "review_due",
        "preview_link",
    ]
    list_filter = [StateFilter, ReviewDueFilter, "topics", "author", "reviewer", "published_at", "reviewed_at"]
    list_select_related = ["author", "reviewer"]
    search_fields = ["title", "lead", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["author", "reviewer"]
    filter_horizontal = ["topics"]
    readonly_fields = ["preview_link", "created_at", "updated_at"]
    inlines = [SourceInline]
    actions = ["send_to_review", "publish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "lead", "body", "topics"]}),
        ("Hero image", {"fields": ["hero_image", "hero_alt", "hero_caption", "hero_credit"]}),
        ("People", {"fields": ["author", "reviewer", "reviewed_at"]}),
        ("Publication", {"fields": ["status", "published_at", "preview_link", "created_at", "updated_at"]}),
    ]

    def changelist_view(self, request, extra_context=None):
        """The date drill-down's year, month and day are small numbers: Django's own reading of one
        past what a date holds (?published_at__year=9223372036854775808, or 9999, whose period ends
        in year 10000) was a 500. A day that its month has not (February 30) Django answers itself."""
        for part, largest in (("year", 9998), ("month", 12), ("day", 31)):
            value = request.GET.get(f"{self.date_hierarchy}__{part}")
            number = int(value) if value and value.isascii() and value.isdigit() and len(value) <= 4 else 0
            if value is not None and not 1 <= number <= largest:
                return render(request, "400.html", status=400)
        return super().changelist_view(request, extra_context)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.autocomplete_fields:
            kwargs["widget"] = KeyAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="State", ordering="status")
    def state(self, obj):
        state = article_state(obj)
        return format_html('<span class="article-state article-state--{}">{}</span>', state, STATES[state])

    def get_queryset(self, request):
        return super().get_queryset(request).with_review_interval()

    @admin.display(description="Next review")
    def review_due(self, obj):
        due_at = obj.review_due_at() if obj.status == Article.Status.PUBLISHED else None
        if due_at is None:
            return "—"
        now = timezone.now()
        label = f"{due_at:%b} {due_at.day}, {due_at.year}"
        if due_at <= now:
            return format_html('<strong class="review-badge review-badge--overdue">Overdue</strong> since {}', label)
        if (due_at - now).days < settings.ARTICLE_REVIEW_NOTICE_DAYS:
            return format_html('<strong class="review-badge review-badge--due">Due soon</strong> {}', label)
        return label

    @admin.display(description="Preview")
    def preview_link(self, obj):
        if not obj.pk:
            return "Save the article to preview it."
        url = reverse("articles:article-preview", args=[obj.pk])
        return format_html('<a href="{}" target="_blank" rel="noopener">Preview</a>', url)

    @admin.action(description="Send selected articles to medical review", permissions=["change"])
    def send_to_review(self, request, queryset):
        count = 0
        for article in queryset.exclude(status=Article.Status.PUBLISHED):
            article.send_to_review()
            count += 1
        self.message_user(request, f"{count} article(s) sent to medical review.", messages.SUCCESS)

    @admin.action(description="Publish selected articles", permissions=["change"])
    def publish(self, request, queryset):
        published = 0
        for article in queryset:
            problems = article.publish_problems()
            if problems:
                self.message_user(
                    request,
                    f"“{article}” was not published: {' and '.join(problems)}.",
                    messages.ERROR,
                )
                continue
            article.publish()
            published += 1
        if published:
            self.message_user(request, f"{published} article(s) published.", messages.SUCCESS)


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "updated_at"]
    fields = ["slug", "title", "body"]

    def view_on_site(self, obj):
        return obj.get_absolute_url()
