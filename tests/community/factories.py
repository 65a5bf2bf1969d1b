import factory

from community.models import Answer, Comment, Post, Question
from tests.factories import ArticleFactory, UserFactory


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    author = factory.SubFactory(UserFactory)
    text = factory.Sequence(lambda n: f"Feeling a bit better today, update {n}.")


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    author = factory.SubFactory(UserFactory)
    post = factory.SubFactory(PostFactory)
    text = factory.Sequence(lambda n: f"Thinking of you, comment {n}.")


class ArticleCommentFactory(CommentFactory):
    post = None
    article = factory.SubFactory(ArticleFactory)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"How did you cope with fatigue? ({n})")
    details = "Mornings are the hardest."


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    author = factory.SubFactory(UserFactory)
    question = factory.SubFactory(QuestionFactory)
    text = factory.Sequence(lambda n: f"Short walks helped me, answer {n}.")
