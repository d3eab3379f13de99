"""The Wagtail admin's forms for cohorts and sessions: an instructor picks only among the
courses they teach (and their cohorts), and names only that course's instructors."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from accounts import roles
from accounts.models import User
from courses.models import ModulePage
from courses.permissions import courses_taught_by
from courses.translation import default_locale_id


class CohortAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if "course" in self.fields and user is not None and not user.is_superuser:
            self.fields["course"].queryset = courses_taught_by(user)
        if "instructors" in self.fields:
            self.fields["instructors"].queryset = (
                User.objects.filter(is_active=True, groups__name=roles.INSTRUCTORS)
                .distinct()
                .order_by("last_name", "first_name")
            )
            self.fields["instructors"].widget = forms.CheckboxSelectMultiple(
                choices=self.fields["instructors"].choices
            )

    def clean(self):
        cleaned = super().clean()
        course, instructors = cleaned.get("course"), cleaned.get("instructors")
        if course is not None and instructors is not None:
            teachers = set(courses_taught_by_any(course))
            strangers = [str(user) for user in instructors if user.pk not in teachers]
            if strangers:
                self.add_error(
                    "instructors",
                    ValidationError(
                        _("Not instructors of this course: %(names)s")
                        % {"names": ", ".join(strangers)}
                    ),
                )
        return cleaned


def courses_taught_by_any(course) -> list[int]:
    """The ids of the people in the course's instructor group."""
    if course.instructor_group_id is None:
        return []
    return list(course.instructor_group.user_set.values_list("pk", flat=True))


class SessionAdminForm(WagtailAdminModelForm):
    def is_valid(self) -> bool:
        """The inline domain hours are validated after the session's own fields: only then can
        their sum be held against the session's length."""
        if not super().is_valid():
            return False
        start, end = self.cleaned_data.get("start_time"), self.cleaned_data.get("end_time")
        formset = self.formsets.get("domain_hours")
        if start is None or end is None or formset is None:
            return True
        allocated = sum(
            (
                form.cleaned_data.get("hours") or Decimal("0")
                for form in formset.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ),
            Decimal("0"),
        )
        minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
        if allocated * 60 > minutes:
            self.add_error(
                None,
                ValidationError(
                    _("The domain hours (%(hours)s) are more than the session lasts.")
                    % {"hours": allocated}
                ),
            )
            return False
        return True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if "cohort" in self.fields and user is not None and not user.is_superuser:
            from .selectors import cohorts_for_admin  # selectors import the models this serves

            self.fields["cohort"].queryset = cohorts_for_admin(user=user)
        if "modules" in self.fields:
            # Sessions cover the modules themselves, not their translations.
            modules = ModulePage.objects.filter(locale_id=default_locale_id()).order_by("path")
            if user is not None and not user.is_superuser:
                paths = list(courses_taught_by(user).values_list("path", flat=True))
                modules = modules.filter(
                    pk__in=[m.pk for m in modules if any(m.path.startswith(path) for path in paths)]
                )
            self.fields["modules"].queryset = modules
            self.fields["modules"].widget = forms.CheckboxSelectMultiple(
                choices=self.fields["modules"].choices
            )
