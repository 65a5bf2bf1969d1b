from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html

from accounts.admin_actions import ask_first
from accounts.services import suspend_member

from . import services
from .models import Answer, Comment, CrisisResource, HiddenReason, Post, Question, Report, WarningPhrase


# Defined here, not in forms.py: admin modules are loaded before accounts' ready() sets our wording
# for required fields, and importing the members' forms (and allauth's) this early would keep
# Django's wording in them.
class HideForm(forms.Form):
    """Staff hide content with a reason from a short list: the author sees it, never a report."""

    reason = forms.ChoiceField(
        label="Reason the author sees", choices=HiddenReason.choices, widget=forms.RadioSelect, initial="guidelines"
    )
    note = forms.CharField(
        label="Note for the author (optional)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown to the author. Write it yourself: never quote or paraphrase a report.",
    )

    def hidden_reason(self):
        """The sentence the author reads, e.g. "Spam or advertising. Please don't post links to shops." """
        label = HiddenReason(self.cleaned_data["reason"]).label
        note = " ".join(self.cleaned_data["note"].split())
        return f"{label}. {note}".strip()


DELETED = "Deleted by its author"


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """The moderation queue: open reports first, urgent ones (possible risk of self-harm) at the
    top, each with the content in context. Hiding asks for a reason the author may read: the
    report's own words never reach them."""

    list_display = ["created_at", "priority", "status", "kind", "excerpt", "written_by", "reported_by", "reason"]
    list_filter = ["urgent", "status", "created_at"]
    list_select_related = ["reporter", "author", "post", "comment", "question", "answer"]
    search_fields = ["reason", "post__text", "comment__text", "question__title", "answer__text"]
    readonly_fields = [
        "priority",
        "reported_by",
        "reason",
        "created_at",
        "content_in_context",
        "handled_by",
        "handled_at",
    ]
    fields = [
        "priority",
        "status",
        "content_in_context",
        "reported_by",
        "reason",
        "created_at",
        "handled_by",
        "handled_at",
    ]
    actions = ["mark_no_risk", "mark_contacted", "hide_content", "dismiss", "suspend_author"]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        # A status changed by hand on the change form is recorded like the actions: who, when.
        if "status" in form.changed_data:
            obj.handled_by, obj.handled_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)

    @admin.display(description="priority", ordering="-urgent")
    def priority(self, report):
        if report.urgent:
            return format_html("<strong>URGENT</strong>: {}", report.reason)
        return "normal"

    @admin.display(description="reported by")
    def reported_by(self, report):
        return report.reporter or "Kindred (warning phrase)"

    @admin.display(description="kind")
    def kind(self, report):
        return report.target._meta.verbose_name if report.target else DELETED

    @admin.display(description="content")
    def excerpt(self, report):
        target = report.target
        if target is None:
            return DELETED
        text = getattr(target, "text", "") or getattr(target, "title", "")
        return (text[:80] + "…") if len(text) > 80 else text or "(picture)"

    @admin.display(description="author")
    def written_by(self, report):
        return report.author  # Report.save fills it from the target

    @admin.display(description="content in context")
    def content_in_context(self, report):
        target = report.target
        if target is None:
            who = report.author.public_name if report.author else "a member whose account is gone"
            return f"{DELETED}, by {who}. They may still need support: reach out to them."
        text = getattr(target, "text", "") or getattr(target, "title", "")
        return format_html(
            '<blockquote class="member-text">{}</blockquote><p>By {} ({}), {}. Status: {}. '
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

    @admin.action(description="Hide the reported content (choose the reason its author sees)")
    def hide_content(self, request, queryset):
        queryset = self._members_reports(request, queryset)
        if not queryset.exists():
            return None
        form, page = ask_first(
            self,
            request,
            queryset,
            HideForm,
            template="admin/community/hide.html",
            title="Hide the reported content",
            submit="Hide",
        )
        if page:
            return page
        reason = form.hidden_reason()
        for report in queryset.select_related("post", "comment", "question", "answer"):
            if report.target is not None:  # deleted by its author meanwhile: nothing left to hide
                services.hide_content(target=report.target, moderator=request.user, reason=reason)
        count = self._close(request, queryset, Report.Status.HIDDEN)
        self.message_user(request, f"{count} item(s) hidden.", messages.SUCCESS)
        return None

    @admin.action(description="Urgent: reviewed, no risk")
    def mark_no_risk(self, request, queryset):
        self._close_urgent(request, queryset, Report.Status.NO_RISK)

    @admin.action(description="Urgent: contacted the member")
    def mark_contacted(self, request, queryset):
        self._close_urgent(request, queryset, Report.Status.CONTACTED)

    def _close_urgent(self, request, queryset, status):
        closed = self._close(request, queryset.filter(urgent=True), status)
        skipped = queryset.count() - closed
        self.message_user(
            request,
            f"{closed} urgent report(s) marked \u201c{Report.Status(status).label}\u201d."
            + (f" {skipped} report(s) left as they were: not urgent." if skipped else ""),
            messages.SUCCESS if closed else messages.WARNING,
        )

    def _members_reports(self, request, queryset):
        """Reports made by members. An urgent report (a warning phrase, perhaps a person in crisis) is
        closed only by saying what was done: these actions leave it open, and say so."""
        urgent = queryset.filter(urgent=True).count()
        if urgent:
            self.message_user(
                request,
                f"{urgent} urgent report(s) left open: use “Urgent: reviewed, no risk” or "
                "“Urgent: contacted the member”.",
                messages.WARNING,
            )
        return queryset.filter(urgent=False)

    @admin.action(description="Dismiss (leave the content as it is)")
    def dismiss(self, request, queryset):
        queryset = self._members_reports(request, queryset)
        count = self._close(request, queryset, Report.Status.DISMISSED)
        self.message_user(request, f"{count} report(s) dismissed.", messages.SUCCESS)

    @admin.action(description="Suspend the authors and hide all their content")
    def suspend_author(self, request, queryset):
        queryset = self._members_reports(request, queryset)
        authors = {report.author for report in queryset.select_related("author") if report.author}
        for author in authors:
            suspend_member(user=author, reason="Suspended after reports from other members.", hide_content=True)
        self._close(request, queryset, Report.Status.SUSPENDED)
        self.message_user(request, f"{len(authors)} member(s) suspended.", messages.SUCCESS)


class ModeratedAdmin(admin.ModelAdmin):
    list_filter = ["status", "created_at"]
    list_select_related = ["author"]
    readonly_fields = ["author", "created_at", "edited_at", "hug_count", "moderated_by", "moderated_at"]
    actions = ["approve", "hide"]

    def has_add_permission(self, request):
        """Member content is written by members, on the site (the admin's form has no author)."""
        return False

    def get_actions(self, request):
        """Staff actions on member content are soft: "Hide selected" instead of "Delete selected"."""
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def get_readonly_fields(self, request, obj=None):
        """Where a comment or an answer sits (its update, article or question) stays where it was
        posted: moving it would leave the counts and cached pages of the place it left behind."""
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields += [name for name in ("post", "article", "question") if hasattr(obj, f"{name}_id")]
        # Counts follow the rows (saving never writes them back: ModeratedContent.save), so the form
        # shows them rather than offering an edit that would be dropped.
        names = {field.name for field in self.model._meta.fields}
        return fields + [name for name in ("comment_count", "answer_count") if name in names]

    # A status changed on the change form, or a row deleted from its own page, counts as the
    # actions and the members' own deletes do: the update's comments, the question's answers.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "status" in form.changed_data:
            services.recount_parent_of(obj)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        services.recount_parent_of(obj)

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


class PostAdminForm(forms.ModelForm):
    def clean(self):
        """The picture is not on the form (read-only), so Django leaves out the check that needs it:
        clearing the text of an update without a picture was a 500."""
        cleaned = super().clean()
        if "text" not in self.errors and not cleaned.get("text") and not self.instance.image:
            [constraint] = [c for c in Post._meta.constraints if c.name == "post_has_text_or_picture"]
            raise forms.ValidationError(constraint.violation_error_message)
        return cleaned


@admin.register(Post)
class PostAdmin(ModeratedAdmin):
    form = PostAdminForm
    list_display = ["id", "author", "status", "created_at", "hug_count", "comment_count", "view_link"]
    search_fields = ["text", "author__email", "author__display_name"]

    def get_readonly_fields(self, request, obj=None):
        """A member's picture is theirs: moderators hide an update, they do not swap its picture (an
        upload here would also skip the removal of location and camera details)."""
        return [*super().get_readonly_fields(request, obj), "image"]

    def delete_model(self, request, obj):
        services.delete_post(post=obj)  # the picture's file goes with the row, as when its author deletes it


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


@admin.register(WarningPhrase)
class WarningPhraseAdmin(admin.ModelAdmin):
    """Words that raise an urgent report (community/safety.py matches them as whole words)."""

    list_display = ["phrase", "language", "not_after", "not_before", "active"]
    list_editable = ["active"]
    list_filter = ["language", "active"]
    search_fields = ["phrase"]


@admin.register(CrisisResource)
class CrisisResourceAdmin(admin.ModelAdmin):
    """Helplines shown to a member whose words matched, and on the public crisis page."""

    list_display = ["name", "region", "region_name", "phone", "text", "web_url", "hours", "sort_order", "active"]
    list_editable = ["sort_order", "active"]
    list_filter = ["active", "region"]
    search_fields = ["name", "region", "region_name", "region_words"]
