from django import forms

from accounts.models import DigestFrequency, Profile

EMAIL_ERRORS = {
    "required": "Please enter your e-mail address.",
    "invalid": "That doesn't look like an e-mail address. Please check it, for example name@example.com.",
    "max_length": "That e-mail address is too long.",
}


class SubscribeForm(forms.Form):
    email = forms.EmailField(label="Your e-mail address", max_length=254, error_messages=EMAIL_ERRORS)
    # A honeypot: hidden from people (and from assistive technology), filled in by bots.
    website = forms.CharField(label="Leave this empty", required=False)
    # Where the form was (for the consent record); never an error the reader couldn't see or fix.
    page = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update({"autocomplete": "email", "placeholder": "name@example.com"})
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        # Hidden fields: nothing in them may become an error the reader can neither see nor fix.
        self.fields["website"].validators = []
        self.fields["page"].validators = []

    def clean_page(self):
        page = self.cleaned_data["page"].replace("\x00", "")[:300]
        return page if page.startswith("/") and not page.startswith("//") else ""


class EmailSettingsForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["digest_frequency", "notification_emails"]
        labels = {
            "digest_frequency": "Digest of new articles and community highlights",
            "notification_emails": "E-mails about activity on your posts and questions",
        }
        widgets = {"digest_frequency": forms.RadioSelect, "notification_emails": forms.RadioSelect}


class PreferencesForm(forms.Form):
    frequency = forms.ChoiceField(
        label="How often should we write?",
        choices=[
            (DigestFrequency.DAILY, "Daily, when there is something new"),
            (DigestFrequency.WEEKLY, "Weekly"),
            (DigestFrequency.OFF, "Never: unsubscribe me"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose how often.", "invalid_choice": "Please choose one of the options."},
    )
