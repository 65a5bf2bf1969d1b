import datetime

from allauth.account.app_settings import EmailVerificationMethod
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import ReauthenticateForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.core import context
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html

from .fields import CleanedImageField
from .models import Profile, Symptom, Treatment
from .recaptcha import add_captcha
from .services import record_signup

DISPLAY_NAME_HELP = "The name other members see. A first name or a nickname is fine."


def clean_display_name(value):
    value = " ".join(value.split())
    if not value:
        raise ValidationError("Please enter the name other members will see.")
    if len(value) > 60:
        raise ValidationError("Please keep your name to 60 characters or fewer.")
    if "@" in value:
        raise ValidationError("Please don't use an e-mail address as your name: other members would see it.")
    return value


NAME_REQUIRED = {
    "required": "Please enter the name other members will see.",
    # The field takes up to 500 so that spaces can be collapsed first; the name itself has 60 (above).
    "max_length": "Please keep your name to 60 characters or fewer.",
}


class SignupForm(AllauthSignupForm):
    display_name = forms.CharField(
        label="Your name", max_length=500, help_text=DISPLAY_NAME_HELP, error_messages=NAME_REQUIRED
    )
    agree = forms.BooleanField(
        label="I agree to the Terms of Use and the Privacy Policy",
        error_messages={"required": "Please agree to the Terms of Use and the Privacy Policy to join."},
    )
    field_order = ["display_name", "email", "password1", "password2", "agree"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["display_name"].widget.attrs.update({"autocomplete": "nickname", "maxlength": "60"})
        self.fields["agree"].label = format_html(
            'I agree to the <a href="{}">Terms of Use</a> and the <a href="{}">Privacy Policy</a>, '
            "including that {} stores the health details I choose to share.",
            reverse("pages:terms"),
            reverse("pages:privacy"),
            settings.SITE_NAME,
        )
        add_captcha(self, action="signup", request=context.request)

    def clean_display_name(self):
        return clean_display_name(self.cleaned_data["display_name"])

    def signup(self, request, user):
        record_signup(user=user, display_name=self.cleaned_data["display_name"])


class LoginForm(AllauthLoginForm):
    """Members whose address is not yet verified may still sign in and browse; posting waits.

    Sign-up keeps verification mandatory, which is what lets allauth answer the same for a known
    and an unknown address (no account enumeration).
    """

    def clean(self):
        cleaned = super().clean()
        login = getattr(self, "_login", None)
        if login is not None:
            login.email_verification = EmailVerificationMethod.OPTIONAL
        return cleaned


class PictureInput(forms.ClearableFileInput):
    """The native file control (it works without JavaScript), our wording for the current picture,
    and a preview with the chosen file's name (static/js/picture.js)."""

    template_name = "accounts/widgets/picture_input.html"


class PictureField(CleanedImageField):
    def __init__(self, *, max_side=1600, **kwargs):
        kwargs.setdefault("help_text", "JPEG, PNG, WebP or GIF, up to 10 MB. We remove location and camera details.")
        kwargs.setdefault("widget", PictureInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}))
        super().__init__(**kwargs)
        self.max_side = max_side


def year_choices():
    this_year = datetime.date.today().year
    return [("", "Choose a year")] + [(year, str(year)) for year in range(this_year, this_year - 60, -1)]


class ProfileForm(forms.ModelForm):
    display_name = forms.CharField(
        label="Your name", max_length=500, help_text=DISPLAY_NAME_HELP, error_messages=NAME_REQUIRED
    )
    avatar = PictureField(label="Profile picture", required=False, max_side=512)
    year_diagnosed = forms.TypedChoiceField(
        label="Year diagnosed", choices=year_choices, coerce=int, empty_value=None, required=False
    )
    treatments = forms.ModelMultipleChoiceField(
        queryset=Treatment.objects.all(), widget=forms.CheckboxSelectMultiple, required=False
    )
    symptoms = forms.ModelMultipleChoiceField(
        queryset=Symptom.objects.all(), widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Profile
        fields = [
            "display_name",
            "avatar",
            "role",
            "diagnosis",
            "diagnosis_visibility",
            "stage",
            "stage_visibility",
            "year_diagnosed",
            "year_diagnosed_visibility",
            "treatments",
            "treatments_visibility",
            "symptoms",
            "symptoms_visibility",
            "region",
            "about",
        ]
        labels = {
            "role": "I am",
            "diagnosis": "Diagnosis",
            "region": "Region or country",
            "diagnosis_visibility": "Who sees your diagnosis",
            "stage_visibility": "Who sees your stage",
            "year_diagnosed_visibility": "Who sees the year",
            "treatments_visibility": "Who sees your treatments",
            "symptoms_visibility": "Who sees your symptoms",
        }
        widgets = {
            "about": forms.Textarea(attrs={"rows": 5, "maxlength": 2000}),
            "role": forms.RadioSelect,
            "diagnosis_visibility": forms.RadioSelect,
            "stage_visibility": forms.RadioSelect,
            "year_diagnosed_visibility": forms.RadioSelect,
            "treatments_visibility": forms.RadioSelect,
            "symptoms_visibility": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["display_name"].initial = self.instance.user.display_name
        self.fields["role"].choices = list(Profile.Role.choices)
        self.fields["diagnosis"].empty_label = "Choose a diagnosis"
        self.fields["stage"].empty_label = "Choose a stage"
        self.fields["region"].widget.attrs["maxlength"] = 80

    def clean_display_name(self):
        return clean_display_name(self.cleaned_data["display_name"])

    def save(self, commit=True):
        profile = super().save(commit=commit)
        if commit:
            user = profile.user
            user.display_name = self.cleaned_data["display_name"]
            user.save(update_fields=["display_name"])
        return profile


class OnboardingForm(ProfileForm):
    """The profile without the display name (given at sign-up)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["display_name"]

    def save(self, commit=True):
        return forms.ModelForm.save(self, commit=commit)


class DeleteAccountForm(ReauthenticateForm):
    """allauth's password check (under the same rate limit as signing in), in our words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = "Your password"

    def clean_password(self):
        try:
            return super().clean_password()
        except ValidationError as error:
            if error.code == "incorrect_password":
                raise ValidationError(
                    "That password isn't right. Your account has not been deleted.", code="incorrect_password"
                ) from None
            raise  # too many attempts: allauth's message says so
