from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.models import User
from accounts.pictures import private_picture_response
from articles.models import Article, Topic
from articles.search import MAX_QUERY_LENGTH, clean_query
from articles.views import render_article

from . import fragments, permissions, queries, ratelimit, safety, services
from . import search as site_search
from .forms import AnswerForm, CommentForm, MemberSearchForm, PostForm, QuestionForm, ReportForm
from .models import Answer, Comment, Follow, Notification, Post, Question
from .pages import cached_member_page

SLOW_DOWN = "You're posting very quickly. Please wait a little and try again; nothing was lost."
CONFIRM_FIRST = "Please confirm your e-mail address before posting: we sent you a link when you joined."
# Hugs, team adds and reports reach other members or the moderators: like posting, they need a
# confirmed address and have limits (settings.COMMUNITY_RATE_LIMITS), so throwaway accounts
# cannot flood anyone's inbox or the queue.
REFUSALS = {
    "post": (CONFIRM_FIRST, SLOW_DOWN),
    "comment": (CONFIRM_FIRST, SLOW_DOWN),
    "hug": (
        "Please confirm your e-mail address before sending hugs: we sent you a link when you joined.",
        "You've sent a lot of hugs in a short time. Please wait a little and try again.",
    ),
    "team": (
        "Please confirm your e-mail address before building your team: we sent you a link when you joined.",
        "You've changed your team a lot in a short time. Please wait a little and try again.",
    ),
    "report": (
        "Please confirm your e-mail address before reporting: we sent you a link when you joined.",
        "Thank you for your reports: our moderators will look at them. "
        "You've sent as many as we take in an hour; please wait before sending more.",
    ),
}


def _int_or_none(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None


def _back(request, fallback):
    """Back to the page the member came from (`next`, a path on this site), else to `fallback`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return HttpResponseRedirect(target)  # a path, never looked up as a URL name
    return redirect(fallback)


def _confirm_delete(request, thing, name, delete, back):
    """GET asks "Delete your …?"; POST deletes and goes `back` (a path), saying so."""
    if request.method == "POST":
        delete()
        messages.success(request, f"Your {name} has been deleted.")
        return redirect(back)
    return render(request, "community/confirm_delete.html", {"thing": name, "object": thing})


def _screen(request, thing):
    """Matching words still publish; their author sees where to find help on the next page
    (templates/community/_crisis_panel.html, through context_processors.crisis_support)."""
    if services.screen_for_risk(thing=thing):
        request.session[safety.SUPPORT_SESSION_KEY] = True
    return thing


def _saved_edit(form):
    """Save a valid edit form; False, with the reason on the form, when it could not be saved."""
    try:
        services.save_edit(thing=form.save(commit=False), fields=form._meta.fields)
    except services.EditRefused as refused:
        form.add_error(None, str(refused))
        return False
    return True


def _may_post(request, form, action, *, replying_to=None):
    """True when the member may post `form` now; otherwise the reason is on the form's errors.

    The form is validated before the posting limit is counted, so an attempt refused for its
    content (a blank update) never uses up a place in the member's limit. Nobody replies to
    content moderators hid.
    """
    if replying_to is not None and not permissions.can_reply_to(replying_to):
        form.add_error(None, permissions.HIDDEN_READ_ONLY)
        return False
    confirm_first, slow_down = REFUSALS[action]
    if not permissions.can_post(request.user):
        form.add_error(None, confirm_first)
        return False
    if not form.is_valid():
        return False
    if not ratelimit.allow(request.user, action):
        form.add_error(None, slow_down)
        return False
    return True


def _refusal(request, action):
    """For actions without a form (hugs, team changes): None when allowed now, else why not."""
    confirm_first, slow_down = REFUSALS[action]
    if not permissions.can_post(request.user):
        return confirm_first
    if not ratelimit.allow(request.user, action):
        return slow_down
    return None


# The feed and updates


FEED_VIEWS = ("all", "team", "questions")  # the first is the feed's own address, kept without a query string


@login_required
@require_http_methods(["GET", "POST"])
@cached_member_page(queries=tuple(f"view={view}" for view in FEED_VIEWS[1:]))
def feed(request):
    view = request.GET.get("view", "all")
    if view not in FEED_VIEWS:
        view = "all"
    form = PostForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and _may_post(request, form, "post"):
        post = _screen(request, services.create_post(author=request.user, **form.cleaned_data))
        if post.is_held:
            messages.info(request, "Thanks! Your first update will appear once a moderator has looked at it.")
        return redirect("community:feed")
    context = {"form": form, "view": view, "can_post": permissions.can_post(request.user)}
    if view == "questions":
        context["questions"] = queries.question_list(request.user)[: queries.FEED_SIZE]
    else:
        entries, has_more = queries.feed_entries(
            request.user, team=view == "team", before=_int_or_none(request.GET.get("before"))
        )
        context.update(
            posts=entries,
            posts_html=fragments.render_posts(request, entries),
            next_before=entries[-1].pk if entries and has_more else None,
        )
    return render(request, "community/feed.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def post_detail(request, pk):
    post = get_object_or_404(Post.objects.visible_to(request.user).select_related("author", "author__profile"), pk=pk)
    form = CommentForm(request.POST or None)
    if request.method == "POST" and _may_post(request, form, "comment", replying_to=post):
        comment = _screen(
            request, services.create_comment(author=request.user, text=form.cleaned_data["text"], post=post)
        )
        return redirect(comment.get_absolute_url())
    comments = queries.post_comments(request.user, post)
    queries.mark_hugged(request.user, [post], comments)
    return render(
        request,
        "community/post_detail.html",
        {"post": post, "comments": comments, "form": form, "can_post": permissions.can_post(request.user)},
        status=400 if form.errors else 200,
    )


@login_required
@require_safe
def post_picture(request, name):
    """An update's picture, for whoever may see the update (accounts/pictures.py)."""
    post = get_object_or_404(Post.objects.visible_to(request.user).only("image"), image=f"posts/{name}")
    return private_picture_response(request, post.image)


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request, pk):
    post = permissions.get_own(Post, request.user, pk)
    old_image = post.image.name
    form = PostForm(request.POST or None, request.FILES or None, instance=post)
    if form.is_valid() and _saved_edit(form):
        post = _screen(request, form.instance)
        if old_image and post.image.name != old_image:
            post.image.storage.delete(old_image)
        messages.success(request, "Your update has been saved.")
        return redirect(post)
    return render(request, "community/post_form.html", {"form": form, "post": post})


@login_required
@require_http_methods(["GET", "POST"])
def post_delete(request, pk):
    post = permissions.get_own(Post, request.user, pk, editing=False)
    return _confirm_delete(request, post, "update", lambda: services.delete_post(post=post), "/activities/")


# Comments


@login_required
@require_POST
def article_comment(request, article_id):
    article = get_object_or_404(Article.objects.published(), pk=article_id)
    form = CommentForm(request.POST)
    if _may_post(request, form, "comment"):
        comment = services.create_comment(author=request.user, text=form.cleaned_data["text"], article=article)
        _screen(request, comment)
        return redirect(comment.get_absolute_url())
    # The article again, with the comment and why it was refused in its box: nothing typed is lost.
    article = Article.objects.published().with_people().get(pk=article.pk)
    return render_article(request, article, comment_form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def comment_edit(request, pk):
    comment = permissions.get_own(Comment, request.user, pk)
    form = CommentForm(request.POST or None, instance=comment)
    if form.is_valid() and _saved_edit(form):
        comment = _screen(request, form.instance)
        return redirect(comment.get_absolute_url())
    return render(request, "community/comment_form.html", {"form": form, "comment": comment})


@login_required
@require_http_methods(["GET", "POST"])
def comment_delete(request, pk):
    comment = permissions.get_own(Comment, request.user, pk, editing=False)
    back = comment.post.get_absolute_url() if comment.post_id else comment.article.get_absolute_url()
    if not permissions.parent_visible(comment, request.user):  # hidden meanwhile: a page they can see
        back = reverse("community:feed") if comment.post_id else reverse("articles:article-index")
    return _confirm_delete(request, comment, "comment", lambda: services.delete_comment(comment=comment), back)


# Hugs


@login_required
@require_POST
def hug(request, kind, pk):
    model = services.HUG_TARGETS.get(kind)
    if model is None:
        raise Http404
    target = permissions.get_visible_for_hugging(model, request.user, pk)
    fetch = request.headers.get("X-Requested-With") == "fetch"
    problem = _refusal(request, "hug")
    if problem:
        if fetch:  # hugs.js then sends the form itself, and the page shows the message
            return HttpResponse(problem, status=403, content_type="text/plain")
        messages.error(request, problem)
        return _back(request, target.get_absolute_url())
    hugged, count = services.toggle_hug(user=request.user, target=target)
    target.hugged, target.hug_count = hugged, count
    if fetch:
        html = render_to_string("community/_hug.html", {"thing": target, "kind": kind}, request=request)
        return HttpResponse(html)
    return _back(request, target.get_absolute_url())


# Questions and answers


@login_required
def question_list(request):
    unanswered = request.GET.get("view") == "unanswered"
    topic = Topic.objects.filter(slug=request.GET.get("topic", "")).first() if request.GET.get("topic") else None
    page = Paginator(queries.question_list(request.user, unanswered=unanswered, topic=topic), 20).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "community/question_list.html",
        {"page": page, "unanswered": unanswered, "topic": topic},
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_ask(request):
    form = QuestionForm(request.POST or None, initial={"topic": request.GET.get("topic")})
    if request.method == "POST" and _may_post(request, form, "post"):
        question = _screen(request, services.ask_question(author=request.user, **form.cleaned_data))
        return redirect(question)
    return render(request, "community/question_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
@cached_member_page()
def question_detail(request, pk):
    question = queries.visible_question(request.user, pk)
    if question is None:
        raise Http404("No such question.")
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and _may_post(request, form, "comment", replying_to=question):
        answer = services.answer_question(author=request.user, question=question, text=form.cleaned_data["text"])
        _screen(request, answer)
        return redirect(answer.get_absolute_url())
    answers = queries.question_answers(request.user, question)
    answers.sort(key=lambda answer: answer.pk != question.best_answer_id)  # the best answer first
    queries.mark_hugged(request.user, answers=answers)
    return render(
        request,
        "community/question_detail.html",
        {"question": question, "answers": answers, "form": form, "can_post": permissions.can_post(request.user)},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def answer_best(request, pk):
    answer = permissions.get_answer_for_choosing_best(request.user, pk)
    services.choose_best_answer(answer=answer)
    messages.success(request, "Thank you! The answer is marked as the best one.")
    return redirect(answer.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def answer_edit(request, pk):
    answer = permissions.get_own(Answer, request.user, pk)
    form = AnswerForm(request.POST or None, instance=answer)
    if form.is_valid() and _saved_edit(form):
        answer = _screen(request, form.instance)
        return redirect(answer.get_absolute_url())
    return render(request, "community/answer_form.html", {"form": form, "answer": answer})


@login_required
@require_http_methods(["GET", "POST"])
def answer_delete(request, pk):
    answer = permissions.get_own(Answer, request.user, pk, editing=False)
    back = answer.question.get_absolute_url()
    if not permissions.parent_visible(answer, request.user):  # hidden meanwhile: a page they can see
        back = reverse("community:question-list")
    return _confirm_delete(request, answer, "answer", lambda: services.delete_answer(answer=answer), back)


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request, pk):
    question = permissions.get_own(Question, request.user, pk)
    form = QuestionForm(request.POST or None, instance=question)
    if form.is_valid() and _saved_edit(form):
        _screen(request, form.instance)
        return redirect(question)
    return render(request, "community/question_form.html", {"form": form, "question": question})


@login_required
@require_http_methods(["GET", "POST"])
def question_delete(request, pk):
    question = permissions.get_own(Question, request.user, pk, editing=False)
    delete = lambda: services.delete_question(question=question)  # noqa: E731
    return _confirm_delete(request, question, "question", delete, "/questions/")


# Members, team, mute


@login_required
def member_list(request):
    form = MemberSearchForm(request.GET or None)
    profiles = queries.searchable_profiles(request.user, **(form.cleaned_data if form.is_valid() else {}))
    page = Paginator(profiles, 24).get_page(request.GET.get("page"))
    team = set(Follow.objects.filter(follower=request.user).values_list("followed_id", flat=True))
    return render(request, "community/member_list.html", {"form": form, "page": page, "team": team})


@login_required
@require_POST
def team_toggle(request, pk):
    member = get_object_or_404(User.objects.active().filter(suspended_at__isnull=True), pk=pk)
    if member.pk == request.user.pk:
        raise PermissionDenied("You can't add yourself to your team.")
    problem = _refusal(request, "team")
    if problem:
        messages.error(request, problem)
        return _back(request, f"/members/{member.pk}/")
    added = services.toggle_team(user=request.user, member=member)
    messages.success(request, f"{member.public_name} is {'now on' if added else 'no longer on'} your team.")
    return _back(request, f"/members/{member.pk}/")


@login_required
@require_POST
def mute_toggle(request, pk):
    member = get_object_or_404(User.objects.active(), pk=pk)
    if member.pk == request.user.pk:
        raise PermissionDenied("You can't mute yourself.")
    muted = services.toggle_mute(user=request.user, member=member)
    messages.success(
        request,
        f"You won't see {member.public_name}'s posts any more."
        if muted
        else f"You'll see {member.public_name}'s posts again.",
    )
    return _back(request, f"/members/{member.pk}/")


# Notifications


@login_required
def notification_list(request):
    notifications = list(
        Notification.objects.filter(recipient=request.user).shown().select_related("actor", "actor__profile")[:50]
    )
    return render(request, "community/notifications.html", {"notifications": notifications})


@login_required
@require_POST
def notifications_read(request):
    services.mark_notifications_read(user=request.user)
    return _back(request, "/notifications/")


# Reports


REPORTABLE = {"post": Post, "comment": Comment, "question": Question, "answer": Answer}


@login_required
@require_http_methods(["GET", "POST"])
def report(request, kind, pk):
    model = REPORTABLE.get(kind)
    if model is None:
        raise Http404
    target = permissions.get_visible(model, request.user, pk)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and _may_post(request, form, "report"):
        services.report_content(reporter=request.user, target=target, reason=form.cleaned_data["reason"])
        messages.success(request, "Thank you. Our moderators will look at it soon.")
        return redirect(target.get_absolute_url())
    problem = None if permissions.can_post(request.user) else REFUSALS["report"][0]
    return render(
        request,
        "community/report_form.html",
        {"form": form, "target": target, "kind": kind, "problem": problem},
        status=400 if form.errors else 200,
    )


# Crisis support: public, so that anyone who needs it finds it from any page's footer.


def crisis_help(request):
    return render(
        request,
        "community/crisis_help.html",
        {"groups": safety.resources_by_region(), "emergency_note": safety.EMERGENCY_NOTE},
    )


# Search


@require_safe
def search(request):
    """One box for the whole site: articles for everyone, community content for members too."""
    query, shortened = clean_query(request.GET.get("q"))
    page = _page_number(request.GET.get("page"))
    results, has_next = site_search.search_site(request.user, query, page) if query else ([], False)
    return render(
        request,
        "community/search.html",
        {
            "query": query,
            "shortened": shortened,
            "max_length": MAX_QUERY_LENGTH,
            "results": results,
            "page_number": page,
            "first_number": (page - 1) * site_search.PAGE_SIZE + 1,
            "has_next": has_next,
        },
    )


def _page_number(value):
    """?page=N as a number from 1 to MAX_PAGE; anything else is the first page."""
    number = _int_or_none(value) or 1
    return min(number, site_search.MAX_PAGE)
