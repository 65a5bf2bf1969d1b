import json

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from .forms import DeleteAccountForm, OnboardingForm, ProfileForm
from .models import Profile, User
from .permissions import has_staff_powers
from .pictures import private_picture_response
from .services import delete_member, export_member_data, get_profile, has_verified_email


def save_profile_form(form, old_avatar):
    """Save, then remove the replaced picture's file so no copy of it lingers."""
    profile = form.save()
    if old_avatar and profile.avatar.name != old_avatar:
        profile.avatar.storage.delete(old_avatar)
    return profile


@login_required
@require_http_methods(["GET", "POST"])
def onboarding(request):
    profile = get_profile(request.user)
    old_avatar = profile.avatar.name
    if request.method == "POST" and "skip" in request.POST:
        profile.onboarded_at = timezone.now()
        profile.save(update_fields=["onboarded_at"])
        return redirect("accounts:member-detail", request.user.pk)
    form = OnboardingForm(request.POST or None, request.FILES or None, instance=profile)
    if form.is_valid():
        form.instance.onboarded_at = timezone.now()
        save_profile_form(form, old_avatar)
        messages.success(request, "Welcome to Kindred! Your profile is ready.")
        return redirect("accounts:member-detail", request.user.pk)
    return render(request, "accounts/onboarding.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def account_settings(request):
    profile = get_profile(request.user)
    old_avatar = profile.avatar.name
    form = ProfileForm(request.POST or None, request.FILES or None, instance=profile)
    if form.is_valid():
        save_profile_form(form, old_avatar)
        messages.success(request, "Your profile has been saved.")
        return redirect("accounts:settings")
    return render(
        request,
        "accounts/settings.html",
        {
            "form": form,
            "email_verified": has_verified_email(request.user),
            "mfa_enabled": is_mfa_enabled(request.user),
        },
    )


@login_required
def member_detail(request, pk):
    # user__pk, not user_id: Django's pk lookup turns an id beyond any integer column into no rows.
    profile = Profile.objects.with_details().filter(user__pk=pk, user__is_active=True).first()
    if profile is None:  # members made outside sign-up (the shell, the admin) get theirs now
        get_profile(get_object_or_404(User.objects.active(), pk=pk))
        profile = Profile.objects.with_details().get(user__pk=pk)
    is_owner = profile.user_id == request.user.pk
    if (profile.hidden_at or profile.user.is_suspended) and not (is_owner or has_staff_powers(request.user)):
        return render(request, "accounts/member_unavailable.html", status=404)
    return render(
        request,
        "accounts/member_detail.html",
        {
            "profile": profile,
            "member": profile.user,
            "details": profile.visible_details(request.user),
            "is_owner": is_owner,
        },
    )


@login_required
@require_safe
def avatar(request, name):
    """A profile picture, for members who may see the profile (accounts/pictures.py)."""
    profile = get_object_or_404(Profile.objects.visible_to(request.user).only("avatar"), avatar=f"avatars/{name}")
    return private_picture_response(request, profile.avatar)


@login_required
def export_data(request):
    data = export_member_data(user=request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False, default=str), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="kindred-data-{timezone.now():%Y-%m-%d}.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if form.is_valid():
        delete_member(user=request.user, request=request)
        return redirect("accounts:deleted")
    return render(request, "accounts/delete.html", {"form": form})


def account_deleted(request):
    return render(request, "accounts/deleted.html")
