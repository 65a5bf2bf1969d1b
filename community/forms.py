from django import forms

from accounts.forms import PictureField
from accounts.models import Diagnosis, Profile, Stage, Treatment
from articles.models import Topic

from .models import Answer, Comment, Post, Question

# Our wording for a text over its limit (browsers stop at the limit; a pasted or scripted one can pass it).
TOO_LONG = {"max_length": "Please keep it to %(limit_value)d characters or fewer (this has %(show_value)d)."}


class PostForm(forms.ModelForm):
    image = PictureField(label="Add a picture", required=False)

    class Meta:
        model = Post
        fields = ["text", "image", "image_alt"]
        labels = {"text": "Your update", "image_alt": "Describe the picture (for people using screen readers)"}
        widgets = {"text": forms.Textarea(attrs={"rows": 3, "placeholder": "What's on your mind?", "maxlength": 5000})}
        error_messages = {"text": TOO_LONG, "image_alt": TOO_LONG}

    # "Text or a picture" is the model's constraint, which the form validates (with its message);
    # the text arrives stripped, so blanks alone count as no text.


class CommentForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["text"]
        labels = {"text": "Your comment"}
        widgets = {"text": forms.Textarea(attrs={"rows": 2, "maxlength": 3000})}
        error_messages = {"text": {"required": "Please write something before sending.", **TOO_LONG}}


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["title", "details", "topic"]
        labels = {"title": "Your question", "details": "Details (optional)", "topic": "Topic (optional)"}
        widgets = {
            "title": forms.TextInput(attrs={"maxlength": 200}),
            "details": forms.Textarea(attrs={"rows": 4, "maxlength": 5000}),
        }
        error_messages = {"title": TOO_LONG, "details": TOO_LONG}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.all()
        self.fields["topic"].empty_label = "Choose a topic"


class AnswerForm(forms.ModelForm):
    class Meta:
        model = Answer
        fields = ["text"]
        labels = {"text": "Your answer"}
        widgets = {"text": forms.Textarea(attrs={"rows": 3, "maxlength": 5000})}
        error_messages = {"text": TOO_LONG}


class ReportForm(forms.Form):
    reason = forms.CharField(
        label="What's wrong with it?",
        max_length=1000,
        error_messages=TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
        help_text="Only our moderators see your report. The author is never told who reported it or what you wrote.",
    )


class MemberSearchForm(forms.Form):
    role = forms.ChoiceField(label="Role", choices=[("", "Anyone"), *Profile.Role.choices], required=False)
    diagnosis = forms.ModelChoiceField(queryset=Diagnosis.objects.all(), required=False, empty_label="Any diagnosis")
    stage = forms.ModelChoiceField(queryset=Stage.objects.all(), required=False, empty_label="Any stage")
    treatment = forms.ModelChoiceField(queryset=Treatment.objects.all(), required=False, empty_label="Any treatment")
    region = forms.CharField(max_length=80, required=False)
