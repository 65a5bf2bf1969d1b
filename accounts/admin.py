from allauth.usersessions.admin import UserSessionAdmin as BaseUserSessionAdmin
from allauth.usersessions.models import UserSession
from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .admin_actions import ask_first
from .models import Diagnosis, Profile, Stage, Symptom, Treatment, User
from .services import delete_member, reinstate_member, suspend_member


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    extra = 0
    fields = ["role", "region", "diagnosis", "stage", "year_diagnosed", "about", "hidden_at", "hidden_reason"]
    readonly_fields = ["hidden_at"]


class SuspendForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The member sees this when they try to sign in. Be clear and kind.",
    )
    hide_content = forms.BooleanField(required=False, label="Also hide everything they have posted")


class SuspendedFilter(admin.SimpleListFilter):
    title = "suspended"
    parameter_name = "suspended"

    def lookups(self, request, model_admin):
        return [("yes", "Suspended"), ("no", "Not suspended")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(suspended_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(suspended_at__isnull=True)
        return queryset


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["-date_joined"]
    list_display = ["email", "display_name", "role", "is_staff", "is_active", "suspended_at", "date_joined"]
    list_filter = [SuspendedFilter, "profile__role", "is_staff", "is_superuser", "is_active", "date_joined"]
    list_select_related = ["profile"]
    search_fields = ["email", "display_name", "profile__region"]
    readonly_fields = ["suspended_at", "last_login", "date_joined"]
    inlines = [ProfileInline]
    actions = ["suspend", "reinstate"]

    # Deleting a member here is the same erasure as their own "Delete my account": counts on others'
    # content they hugged or answered, their pictures, the e-mails that name them (accounts.services).
    def delete_model(self, request, obj):
        delete_member(user=obj)

    def delete_queryset(self, request, queryset):
        for user in queryset:
            delete_member(user=user)

    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Profile", {"fields": ["display_name"]}),
        ("Moderation", {"fields": ["suspended_at", "suspension_reason"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "display_name", "password1", "password2"]}),
    ]

    @admin.display(description="role", ordering="profile__role")
    def role(self, obj):
        profile = getattr(obj, "profile", None)
        return profile.get_role_display() if profile else ""

    @admin.action(description="Suspend selected members (with a reason)")
    def suspend(self, request, queryset):
        if queryset.filter(pk=request.user.pk).exists():  # it would lock them out of the admin at once
            self.message_user(request, "You can't suspend yourself: nobody was suspended.", messages.ERROR)
            return None
        form, page = ask_first(
            self,
            request,
            queryset,
            SuspendForm,
            template="admin/accounts/suspend.html",
            title="Suspend members",
            submit="Suspend",
        )
        if page:
            return page
        hidden = 0
        for user in queryset:
            hidden += suspend_member(
                user=user, reason=form.cleaned_data["reason"], hide_content=form.cleaned_data["hide_content"]
            )
        self.message_user(
            request, f"{queryset.count()} member(s) suspended; {hidden} item(s) hidden.", messages.SUCCESS
        )
        return None

    @admin.action(description="Reinstate selected members")
    def reinstate(self, request, queryset):
        for user in queryset:
            reinstate_member(user=user)
        self.message_user(request, f"{queryset.count()} member(s) reinstated.", messages.SUCCESS)


@admin.register(Diagnosis, Stage, Treatment, Symptom)
class TermAdmin(admin.ModelAdmin):
    list_display = ["name", "position"]
    list_editable = ["position"]
    search_fields = ["name"]


admin.site.unregister(UserSession)


@admin.register(UserSession)
class UserSessionAdmin(BaseUserSessionAdmin):
    """allauth's list of members' sessions, searched by what our members have: allauth's own searched
    user__username, which our User has not (every search was a 500)."""

    search_fields = ["user__email", "user__display_name", "ip"]
