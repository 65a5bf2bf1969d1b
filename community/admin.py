from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html

from accounts.services import suspend_member

from . import services
from .models import Answer, Comment, Post, Question, Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """The moderation queue: open reports first, each with the content in context."""

    list_display = ["created_at", "status", "kind", "excerpt", "author", "reporter", "reason"]
    list_filter = ["status", "created_at"]
    list_select_related = ["reporter", "post__author", "comment__author", "question__author", "answer__author"]
    search_fields = ["reason", "post__text", "comment__text", "question__title", "answer__text"]
    readonly_fields = ["reporter", "reason", "created_at", "content_in_context", "handled_by", "handled_at"]
    fields = ["status", "content_in_context", "reporter", "reason", "created_at", "handled_by", "handled_at"]
    actions = ["hide_content", "dismiss", "suspend_author"]

    def has_add_permission(self, request):
        return False

    @admin.display(description="kind")
    def kind(self, report):
        return report.target._meta.verbose_name

    @admin.display(description="content")
    def excerpt(self, report):
        target = report.target
        text = getattr(target, "text", "") or getattr(target, "title", "")
        return (text[:80] + "…") if len(text) > 80 else text or "(picture)"

    @admin.display(description="author")
    def author(self, report):
        return report.target.author

    @admin.display(description="content in context")
    def content_in_context(self, report):
        target = report.target
        text = getattr(target, "text", "") or getattr(target, "title", "")
        return format_html(
            '<blockquote style="white-space:pre-wrap">{}</blockquote><p>By {} ({}), {}. Status: {}. '
            '<a href="{}" target="_blank" rel="noopener">Open it where members see it</a></p>',
            text,
            target.author.public_name,
            target.author.email,
            target.created_at.strftime("%Y-%m-%d %H:%M"),
            target.get_status_display(),
            target.get_absolute_url(),
        )

    def _close(self, request, queryset, status):
        return queryset.update(status=status, handled_by=request.user, handled_at=timezone.now())

    @admin.action(description="Hide the reported content (the report's reason is shown to its author)")
    def hide_content(self, request, queryset):
        for report in queryset.select_related("post", "comment", "question", "answer"):
            services.hide_content(target=report.target, moderator=request.user, reason=report.reason)
        count = self._close(request, queryset, Report.Status.HIDDEN)
        self.message_user(request, f"{count} item(s) hidden.", messages.SUCCESS)

    @admin.action(description="Dismiss (leave the content as it is)")
    def dismiss(self, request, queryset):
        count = self._close(request, queryset, Report.Status.DISMISSED)
        self.message_user(request, f"{count} report(s) dismissed.", messages.SUCCESS)

    @admin.action(description="Suspend the authors and hide all their content")
    def suspend_author(self, request, queryset):
        authors = {report.target.author for report in queryset}
        for author in authors:
            suspend_member(user=author, reason="Suspended after reports from other members.", hide_content=True)
        self._close(request, queryset, Report.Status.SUSPENDED)
        self.message_user(request, f"{len(authors)} member(s) suspended.", messages.SUCCESS)


class ModeratedAdmin(admin.ModelAdmin):
    list_filter = ["status", "created_at"]
    list_select_related = ["author"]
    readonly_fields = ["author", "created_at", "edited_at", "hug_count", "moderated_by", "moderated_at"]
    actions = ["approve", "hide"]

    def get_actions(self, request):
        """Staff actions on member content are soft: "Hide selected" instead of "Delete selected"."""
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.action(description="Approve (make visible)")
    def approve(self, request, queryset):
        for target in queryset:
            services.approve_content(target=target, moderator=request.user)
        self.message_user(request, f"{queryset.count()} item(s) approved.", messages.SUCCESS)

    @admin.action(description="Hide selected (reason: against the community guidelines)")
    def hide(self, request, queryset):
        for target in queryset:
            services.hide_content(target=target, moderator=request.user, reason="Against the community guidelines.")
        self.message_user(request, f"{queryset.count()} item(s) hidden.", messages.SUCCESS)

    @admin.display(description="view")
    def view_link(self, obj):
        return format_html('<a href="{}">View</a>', obj.get_absolute_url())


@admin.register(Post)
class PostAdmin(ModeratedAdmin):
    list_display = ["id", "author", "status", "created_at", "hug_count", "comment_count", "view_link"]
    search_fields = ["text", "author__email", "author__display_name"]


@admin.register(Comment)
class CommentAdmin(ModeratedAdmin):
    list_display = ["id", "author", "status", "post", "article", "created_at", "view_link"]
    search_fields = ["text", "author__email"]
    raw_id_fields = ["post", "article"]


@admin.register(Question)
class QuestionAdmin(ModeratedAdmin):
    list_display = ["title", "author", "status", "topic", "answer_count", "created_at", "view_link"]
    search_fields = ["title", "details", "author__email"]
    raw_id_fields = ["best_answer"]


@admin.register(Answer)
class AnswerAdmin(ModeratedAdmin):
    list_display = ["id", "author", "status", "question", "created_at", "view_link"]
    search_fields = ["text", "author__email"]
    raw_id_fields = ["question"]
