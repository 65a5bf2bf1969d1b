import functools
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from accounts.models import SuppressedAddress
from accounts.recaptcha import add_captcha
from accounts.services import get_profile

from . import ratelimit, services, tokens
from .forms import EmailSettingsForm, PreferencesForm, SubscribeForm
from .models import Subscriber


def client_ip(request):
    """The visitor's address as allauth's own limits see it: behind a proxy, from X-Forwarded-For
    (ALLAUTH_TRUSTED_PROXY_COUNT), else every visitor would share the proxy's address and limit."""
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return request.META.get("REMOTE_ADDR", "")


def is_same_site(request):
    """A browser says where a POST comes from; refuse other sites. Non-browsers send neither header."""
    source = request.headers.get("Origin") or request.headers.get("Referer")
    if not source:
        return True
    allowed = {urlsplit(settings.SITE_URL).netloc, request.get_host()}
    allowed.update(urlsplit(origin).netloc for origin in settings.CSRF_TRUSTED_ORIGINS)
    try:
        return urlsplit(source).netloc in allowed
    except ValueError:  # not an address at all (e.g. "http://["): no site of ours
        return False


# No CSRF token: the form is on the anonymous article page, which is cached whole and served to
# everyone. The honeypot, the rate limits, reCAPTCHA (when on) and the same-site check stand in.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def subscribe(request):
    form = SubscribeForm(request.POST or None, auto_id="id_subscribe_%s")
    add_captcha(form, action="newsletter", request=request)
    if request.method == "POST":
        if not is_same_site(request):
            return render(request, "newsletter/subscribe.html", subscribe_context(form, foreign=True), status=403)
        if form.is_valid():
            email = form.cleaned_data["email"]
            if ratelimit.ip_over_limit(client_ip(request), settings.NEWSLETTER_RATE_PER_IP):
                form.add_error(None, "Too many sign-ups from your connection just now. Please try again in an hour.")
                return render(request, "newsletter/subscribe.html", subscribe_context(form), status=429)
            # A filled honeypot or an address asked for too often: the same answer, and nothing sent.
            if not form.cleaned_data["website"] and not ratelimit.address_over_limit(
                email, settings.NEWSLETTER_RATE_PER_ADDRESS
            ):
                services.subscribe_reader(email=email, page=form.cleaned_data["page"] or request.path)
            return render(request, "newsletter/check_inbox.html", {"email": email})
    return render(request, "newsletter/subscribe.html", subscribe_context(form), status=400 if form.errors else 200)


def subscribe_context(form, **extra):
    return {"form": form, "consent_text": services.CONSENT_TEXT, **extra}


def subscriber_from_token(purpose):
    """The view receives the subscriber its signed link names (and the token); a tampered or expired
    link gets a page that says so, and nothing changes."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, token):
            try:
                subscriber = tokens.read_token(token, purpose)
            except tokens.BadToken as error:
                return render(request, "newsletter/link_problem.html", {"expired": error.expired}, status=400)
            return view(request, subscriber, token)

        return wrapped

    return decorator


@require_http_methods(["GET", "HEAD"])
@subscriber_from_token(tokens.CONFIRM)
def confirm(request, subscriber, token):
    # HEAD (link checkers and prefetchers) changes nothing until a real visit.
    if request.method == "GET" and not services.confirm_subscription(subscriber=subscriber):
        return render(request, "newsletter/link_problem.html", {"stale": True}, status=400)
    return render(request, "newsletter/confirmed.html", {"subscriber": subscriber})


# RFC 8058: mail providers POST here with no cookie and no CSRF token; a GET changes nothing,
# because link scanners follow links.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@subscriber_from_token(tokens.UNSUBSCRIBE)
def unsubscribe(request, subscriber, token):
    if request.method == "POST":
        services.unsubscribe_subscriber(subscriber=subscriber)
        return render(request, "newsletter/unsubscribed.html", {"subscriber": subscriber, "token": token})
    return render(request, "newsletter/unsubscribe.html", {"subscriber": subscriber})


@require_http_methods(["GET", "POST"])
@subscriber_from_token(tokens.PREFERENCES)
def preferences(request, subscriber, token):
    current = services.digest_frequency_of(subscriber)
    form = PreferencesForm(request.POST or None, initial={"frequency": current})
    if form.is_valid():
        services.change_digest_frequency(
            subscriber=subscriber, frequency=form.cleaned_data["frequency"], page="/newsletter/preferences/"
        )
        return render(
            request,
            "newsletter/preferences.html",
            {"form": PreferencesForm(initial=form.cleaned_data), "subscriber": subscriber, "saved": True},
        )
    return render(
        request,
        "newsletter/preferences.html",
        {"form": form, "subscriber": subscriber},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def email_settings(request):
    profile = get_profile(request.user)
    form = EmailSettingsForm(request.POST or None, instance=profile)
    if form.is_valid():
        services.save_email_preferences(
            user=request.user,
            digest_frequency=form.cleaned_data["digest_frequency"],
            notification_emails=form.cleaned_data["notification_emails"],
            page=request.path,
        )
        messages.success(request, "Your e-mail settings have been saved.")
        return redirect("email-settings")
    subscriber = Subscriber.objects.filter(user=request.user).first()
    bounced = (subscriber is not None and subscriber.status == Subscriber.Status.BOUNCED) or (
        SuppressedAddress.objects.active().matching(request.user.email).exists()
    )
    return render(request, "newsletter/email_settings.html", {"form": form, "bounced": bounced})
