from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accounts.images import RandomName

from .markdown import render_markdown


class Expert(models.Model):
    """An author or medical reviewer of articles."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    credentials = models.CharField(max_length=60, blank=True, help_text='For example "M.D." or "R.N., OCN".')
    short_bio = models.CharField(max_length=240, blank=True, help_text="One sentence, shown under articles.")
    bio = models.TextField(blank=True, help_text="Markdown.")
    bio_html = models.TextField(blank=True, editable=False)
    photo = models.ImageField(upload_to=RandomName("experts"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

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

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:topic-detail", args=[self.slug])


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles anyone may read: published, and not scheduled for later."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def with_people(self):
        return self.select_related("author", "reviewer")

    def search(self, query):
        query = query.strip()
        if not query:
            return self
        return self.filter(Q(title__icontains=query) | Q(lead__icontains=query))


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

    objects = ArticleQuerySet.as_manager()

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

    def get_absolute_url(self):
        return reverse("articles:article-detail", args=[self.slug])

    def clean(self):
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
        """Show "Last reviewed on" only when the review came after publication day."""
        return bool(self.reviewed_at and self.published_at and self.reviewed_at.date() > self.published_at.date())

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

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.title


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

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(f"pages:{self.slug}")

    def save(self, *args, **kwargs):
        self.body_html, _ = render_markdown(self.body)
        super().save(*args, **kwargs)
