"""Form fields shared beyond accounts' own forms. Kept apart from accounts/forms.py: the admin imports
this while Django starts, before AccountsConfig.ready() gives every form field our wording, and the
forms declared in accounts/forms.py must be built after that."""

from django import forms

from .images import process_image


class CleanedImageField(forms.ImageField):
    """Any upload, checked and cleaned by the shared pipeline (location and camera details removed)
    rather than by ImageField alone: members' pictures, and staff's in the admin."""

    default_validators = []
    max_side = 2000

    def to_python(self, data):
        if data in self.empty_values:
            return None
        return process_image(data, max_side=self.max_side)
