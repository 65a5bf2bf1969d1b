"""Demo updates, comments, hugs, questions and answers between the demo members; `scale` adds volume."""

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from articles.models import Topic
from community import services
from community.crisis_seed import seed_crisis_support
from community.models import Comment, CrisisResource, Follow, Hug, Post, Question, WarningPhrase

UPDATES = [
    (
        "maria@kindred.example",
        "Scan day tomorrow. Trying to keep busy in the garden so I don't spend the evening refreshing the patient portal. Anyone else get 'scanxiety'?",
    ),
    (
        "aiko@kindred.example",
        "Six months after my lobectomy I walked up the hill behind our house without stopping. Pulmonary rehab was hard work, but it paid off. If you're on the fence about it, go!",
    ),
    (
        "james@kindred.example",
        "Second cycle done for my wife. She's tired but in good spirits. What are your favourite easy meals for the days nothing tastes right?",
    ),
    (
        "rosa@kindred.example",
        "Two years since diagnosis today. Celebrating with churros and my sister. Thank you all for the kind words along the way.",
    ),
]
COMMENTS = [
    (
        0,
        "rosa@kindred.example",
        "Every single time. I book something nice for after the appointment, it helps a little.",
    ),
    (0, "aiko@kindred.example", "Sending calm thoughts your way, Maria."),
    (1, "maria@kindred.example", "This is wonderful to read. Congratulations!"),
    (2, "rosa@kindred.example", "Cold soups and smoothies worked for me when everything tasted like metal."),
    (3, "dev@kindred.example", "Happy anniversary, Rosa! This gives me hope for my dad."),
]
QUESTIONS = [
    (
        "dev@kindred.example",
        "How did you explain the diagnosis to younger family members?",
        "My dad wants to tell his grandkids (8 and 11). Any advice on words that helped?",
        "caregiving",
    ),
    (
        "maria@kindred.example",
        "Did anyone else get a rash on targeted therapy?",
        "It started in week three. My team is on it, but I'd love to hear what helped others feel more comfortable.",
        "side-effects",
    ),
    ("aiko@kindred.example", "What questions should I ask before starting pulmonary rehab?", "", "living-well"),
]
ANSWERS = [
    (
        0,
        "james@kindred.example",
        "We kept it simple and honest: Grandma is sick, the doctors are helping, and you can ask us anything. The kids' questions were easier than we feared.",
    ),
    (
        1,
        "rosa@kindred.example",
        "A gentle, fragrance-free moisturiser and a wide-brimmed hat. And tell your team early, as you did.",
    ),
]


def run(*, scale, stdout):
    # Also loaded by a migration; again here for a database whose tables were emptied since.
    seed_crisis_support(WarningPhrase, CrisisResource)
    members = {user.email: user for user in User.objects.filter(email__endswith="@kindred.example")}
    if len(members) < 5:
        stdout.write("Community: demo members missing, nothing added.")
        return
    if not Post.objects.exists():
        with transaction.atomic():
            seed_conversations(members)
    added = seed_volume(scale, list(members.values())) if scale else 0
    stdout.write(
        f"Community: {Post.objects.count()} updates ({added} synthetic added), {Question.objects.count()} questions."
    )


def seed_conversations(members):
    now = timezone.now()
    posts = []
    for hours, (email, text) in enumerate(UPDATES):
        post = services.create_post(author=members[email], text=text)
        Post.objects.filter(pk=post.pk).update(created_at=now - datetime.timedelta(hours=30 - 7 * hours))
        posts.append(post)
    for index, email, text in COMMENTS:
        services.create_comment(author=members[email], text=text, post=posts[index])
    for post in posts:
        for email, member in members.items():
            if member != post.author and email != "staff@kindred.example" and (post.pk + member.pk) % 2:
                services.toggle_hug(user=member, target=post)
    questions = []
    for email, title, details, topic in QUESTIONS:
        questions.append(
            services.ask_question(
                author=members[email], title=title, details=details, topic=Topic.objects.filter(slug=topic).first()
            )
        )
    for index, email, text in ANSWERS:
        services.answer_question(author=members[email], question=questions[index], text=text)
    Follow.objects.get_or_create(follower=members["maria@kindred.example"], followed=members["rosa@kindred.example"])
    Follow.objects.get_or_create(follower=members["dev@kindred.example"], followed=members["rosa@kindred.example"])


def seed_volume(scale, members):
    """scale × 1,000 updates, each with two comments and a few hugs, inserted in bulk."""
    wanted = int(scale * 1000)
    existing = Post.objects.filter(text__startswith="[sample]").count()
    if existing >= wanted:
        return 0
    start = timezone.now() - datetime.timedelta(days=400)
    with transaction.atomic():
        posts = Post.objects.bulk_create(
            [
                Post(
                    author=members[n % len(members)],
                    text=f"[sample] Update number {n}: a good day, a walk by the river and a long nap afterwards.",
                    created_at=start + datetime.timedelta(minutes=10 * n),
                    comment_count=2,
                )
                for n in range(existing, wanted)
            ],
            batch_size=1000,
        )
        Comment.objects.bulk_create(
            [
                Comment(post=post, author=members[(post.pk + k) % len(members)], text="Thinking of you. 💛")
                for post in posts
                for k in (1, 2)
            ],
            batch_size=2000,
        )
        Hug.objects.bulk_create(
            [Hug(post=post, user=members[(post.pk + k) % len(members)]) for post in posts for k in (1, 2, 3)],
            batch_size=3000,
            ignore_conflicts=True,
        )
    return len(posts)
