"""Admin actions that first ask for something (a reason) on a page of their own."""

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.shortcuts import render


def ask_first(modeladmin, request, queryset, form_class, *, template, title, submit):
    """(the valid form, None) once the action's own page was sent back; else (None, that page).

    `template` extends admin/action_form.html, which posts the selected rows back to the action.
    """
    form = form_class(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        return form, None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "objects": queryset,
        "form": form,
        "action": request.POST["action"],
        "submit": submit,
        "action_checkbox_name": ACTION_CHECKBOX_NAME,
        "opts": modeladmin.model._meta,
    }
    return None, render(request, template, context)
