import calendar
from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from accounts.images import RandomName

from . import search
from .markdown import render_markdown

# A topic's own review interval: at least a month, at most ten years (the due-date arithmetic and
# the admin's filters stay within the calendar).
MAX_REVIEW_MONTHS = 120


class PublicQuerySet(models.QuerySet):
    """Rows public pages show (articles, experts, topics, sources, pages): an update or a bulk
    insert, which send no post_save, retires cached public pages as saving each row would
    (articles/cache.py), whether it comes from a service, an admin action or the shell."""

    def update(self, **kwargs):
        from .cache import content_changed

        count = super().update(**kwargs)
        if count:
            content_changed()
        return count

    def bulk_create(self, objs, *args, **kwargs):
        from .cache import content_changed

        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            content_changed()
        return created


class Expert(models.Model):
    """An author or medical reviewer of articles."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    credentials = models.CharField(max_length=60, blank=True, help_text='For example "M.D." or "R.N., OCN".')
    short_bio = models.CharField(max_length=240, blank=True, help_text="One sentence, shown under articles.")
    bio = models.TextField(blank=True, help_text="Markdown.")
    bio_html = models.TextField(blank=True, editable=False)
    photo = models.ImageField(upload_to=RandomName("experts"), blank=True)
    email = models.EmailField(
        "e-mail address", blank=True, help_text="Where review reminders go. Never shown on the site."
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("articles:expert-detail", args=[self.slug])

    @property
    def display_name(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name

    def save(self, *args, **kwargs):
        self.bio_html, _ = render_markdown(self.bio)
        super().save(*args, **kwargs)


class Topic(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    review_interval_months = models.PositiveSmallIntegerField(
        "review every (months)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_REVIEW_MONTHS)],
        help_text="Leave empty for the site's default. An article in several topics follows the shortest.",
    )

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(review_interval_months__isnull=True)
                | Q(review_interval_months__gte=1, review_interval_months__lte=MAX_REVIEW_MONTHS),
                name="topic_review_interval_in_range",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:topic-detail", args=[self.slug])


def reviewed_by(moment, months):
    """The latest review whose next one, `months` later (review_due_at), falls on or before `moment`.

    add_months clamps a day to the month's end, so on the last day of a month every review made on
    a later day of the month `months` before is due too (a review on 29 February falls due on
    28 February): the whole rest of that month counts, up to `moment`'s time of day.
    """
    latest = add_months(moment, -months)
    if moment.day == calendar.monthrange(moment.year, moment.month)[1]:
        latest = latest.replace(day=calendar.monthrange(latest.year, latest.month)[1])
    return latest


def add_months(moment, months):
    """`moment` moved by whole calendar months (negative goes back), the day clamped to the month's end."""
    index = moment.year * 12 + moment.month - 1 + months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


class ArticleQuerySet(PublicQuerySet):
    def published(self, now=None):
        """Articles anyone may read: published, and not scheduled for later (than `now`)."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=now or timezone.now())

    def with_people(self):
        return self.select_related("author", "reviewer")

    def search(self, query):
        """Articles matching `query`, best first (full text on PostgreSQL: see articles/search.py)."""
        query = query.strip()
        if not query:
            return self
        return search.matching_articles(self, query).order_by("-rank", "-published_at", "-id")

    def with_review_interval(self):
        """Annotates `review_months`: the shortest interval among the article's topics, a topic
        without one counting as the site's default (and the default without topics)."""
        if "review_months" in self.query.annotations:
            return self
        default = Value(settings.ARTICLE_REVIEW_MONTHS)
        shortest = (
            Topic.objects.filter(articles=OuterRef("pk"))
            .annotate(months=Coalesce("review_interval_months", default))
            .order_by("months")
            .values("months")[:1]
        )
        return self.annotate(review_months=Coalesce(Subquery(shortest), default))

    @staticmethod
    def review_intervals():
        """The review intervals in use, in months: the site's default and any topic's own."""
        overrides = Topic.objects.exclude(review_interval_months=None).values_list("review_interval_months", flat=True)
        return {settings.ARTICLE_REVIEW_MONTHS, *overrides.distinct()}

    @staticmethod
    def review_due_q(moment, intervals):
        """Next review on or before `moment`, for a queryset annotated by with_review_interval().

        Compared in the database as "last reviewed on or before `moment` minus the interval", once per
        distinct interval in use (a handful), so the admin can filter and count without loading rows.
        """
        due = Q(pk__in=[])
        for months in intervals:
            due |= Q(review_months=months, reviewed_at__lte=reviewed_by(moment, months))
        return due

    def review_due_by(self, moment):
        """Published articles (public now) whose next review falls on or before `moment`."""
        due = self.review_due_q(moment, self.review_intervals())
        return self.published().with_review_interval().filter(due)

    def review_overdue(self, now=None):
        return self.review_due_by(now or timezone.now())

    def review_due_soon(self, now=None):
        """Overdue, or due within ARTICLE_REVIEW_NOTICE_DAYS."""
        return self.review_due_by((now or timezone.now()) + timedelta(days=settings.ARTICLE_REVIEW_NOTICE_DAYS))


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    lead = models.TextField(max_length=400, help_text="One or two sentences; also the search-engine description.")
    body = models.TextField(
        help_text='Markdown. Use "## Heading" for sections (they form the table of contents), '
        'and "!!! warning \\"Title\\"" followed by an indented paragraph for a callout box.'
    )
    body_html = models.TextField(blank=True, editable=False)
    toc = models.JSONField(default=list, blank=True, editable=False)
    hero_image = models.ImageField(upload_to=RandomName("articles"), blank=True)
    hero_alt = models.CharField("hero image description", max_length=200, blank=True)
    hero_caption = models.CharField(max_length=240, blank=True)
    hero_credit = models.CharField(max_length=120, blank=True)
    author = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="articles_written")
    reviewer = models.ForeignKey(
        Expert,
        on_delete=models.PROTECT,
        related_name="articles_reviewed",
        null=True,
        blank=True,
        verbose_name="medical reviewer",
    )
    topics = models.ManyToManyField(Topic, related_name="articles", blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="When it goes live. A future date schedules the article."
    )
    reviewed_at = models.DateTimeField("last reviewed", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Declared as generated so that Django never writes it. On PostgreSQL the migration turns the
    # column into a plain tsvector that a trigger keeps current from the title (A), lead (B),
    # body (C) and the article's sources (D, from another table, which a generated column cannot
    # read); GIN-indexed. On SQLite it stays NULL (articles/search.py).
    search_vector = models.GeneratedField(
        expression=search.weighted_vector(("title", "A"), ("lead", "B"), ("body", "C")),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = search.SearchVectorDeferred.from_queryset(ArticleQuerySet)()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["status", "-published_at", "-id"], name="article_published_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published")
                | (Q(reviewer__isnull=False) & Q(reviewed_at__isnull=False) & Q(published_at__isnull=False)),
                name="article_published_is_reviewed",
                violation_error_message="A published article needs a medical reviewer, a review date "
                "and a publication date.",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def hero_size(self):
        """(width, height) of the hero picture, read from its file; None when the file cannot be read
        (a restore that missed it): the page then shows the picture's description, not a 500."""
        try:
            return self.hero_image.width, self.hero_image.height
        except (OSError, ValueError):
            return None

    def get_absolute_url(self):
        return reverse("articles:article-detail", args=[self.slug])

    def clean(self):
        if self.reviewed_at and self.reviewed_at > timezone.now():
            raise ValidationError({"reviewed_at": "The review date cannot be in the future: enter when it happened."})
        if self.status == self.Status.PUBLISHED:
            errors = {}
            if not self.reviewer_id:
                errors["reviewer"] = "A published article must name its medical reviewer."
            if not self.reviewed_at:
                errors["reviewed_at"] = "A published article must have the date of its medical review."
            if errors:
                raise ValidationError(errors)
        if self.reviewer_id and self.reviewer_id == self.author_id:
            raise ValidationError({"reviewer": "The medical reviewer must be someone other than the author."})

    def save(self, *args, **kwargs):
        if self.status == self.Status.PUBLISHED and not self.published_at:
            self.published_at = timezone.now()
        self.body_html, self.toc = render_markdown(self.body)
        super().save(*args, **kwargs)

    @property
    def is_live(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def was_reviewed_later(self):
        """Show "Last reviewed on" only for a review that happened, after publication day.

        A date in the future (typed ahead, or a planned review) is not a review that happened.
        """
        return bool(
            self.reviewed_at
            and self.published_at
            and self.reviewed_at <= timezone.now()
            and self.reviewed_at.date() > self.published_at.date()
        )

    def review_due_at(self, months=None):
        """When the next medical review is due; `months` defaults to the annotated or site interval."""
        if not self.reviewed_at:
            return None
        months = months or getattr(self, "review_months", None) or settings.ARTICLE_REVIEW_MONTHS
        return add_months(self.reviewed_at, months)

    def publish_problems(self):
        """What stops this article from being published, as sentences for staff."""
        problems = []
        if not self.reviewer_id:
            problems.append("it has no medical reviewer")
        if not self.reviewed_at:
            problems.append("it has no review date")
        return problems

    def send_to_review(self):
        self.status = self.Status.IN_REVIEW
        self.save(update_fields=["status", "updated_at"])

    def publish(self):
        self.status = self.Status.PUBLISHED
        if not self.published_at:
            self.published_at = timezone.now()
        self.save(update_fields=["status", "published_at", "updated_at"])


class Source(models.Model):
    """A numbered reference at the end of an article."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sources")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=500, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.title


class Paragraph(models.Model):
    """An article's lead and body, one paragraph a row, for the search's snippets: the snippet is cut
    from the best-matching paragraph instead of parsing the whole article for every result
    (articles/search.py). On PostgreSQL a trigger writes these rows whenever an article's lead or
    body is written, however it is written (migration 0006); on SQLite the table stays empty and
    snippets come from the text itself. Nothing else reads or writes them."""

    # Deleted with their article by the database (a trigger), not by Django, whose admin would list
    # every paragraph on the article's delete page.
    article = models.ForeignKey(Article, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    position = models.PositiveIntegerField()
    text = models.TextField()
    search_vector = SearchVectorField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "position"], name="paragraph_position_unique")]

    def __str__(self):
        return f"Paragraph {self.position} of article {self.article_id}"


def paragraph_loaded(sender, instance, raw=False, **kwargs):
    """loaddata: the article's insert had the trigger write its paragraphs already; a dumped row
    takes the place of the one at its position (the same text, another id). Connected in apps.py."""
    if raw:
        Paragraph.objects.filter(article_id=instance.article_id, position=instance.position).exclude(
            pk=instance.pk
        ).delete()


class Page(models.Model):
    """About, Privacy Policy, Terms and Community guidelines: text staff can edit."""

    class Slug(models.TextChoices):
        ABOUT = "about", "About"
        PRIVACY = "privacy", "Privacy Policy"
        TERMS = "terms", "Terms of Use"
        GUIDELINES = "guidelines", "Community guidelines"

    slug = models.SlugField(choices=Slug.choices, unique=True)
    title = models.CharField(max_length=120)
    body = models.TextField(help_text="Markdown.")
    body_html = models.TextField(blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublicQuerySet.as_manager()

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(f"pages:{self.slug}")

    def save(self, *args, **kwargs):
        self.body_html, _ = render_markdown(self.body)
        super().save(*args, **kwargs)
