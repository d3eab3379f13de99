"""Admin forms that keep each instructor inside the question bank of the courses they teach.

The choices are narrowed per user, so a category or question of another course can neither be
seen in a drop-down nor submitted by hand (a posted id outside the queryset is a field error).
This app's selectors are imported inside the methods: models.py names these classes as form
bases, and the selectors import the models."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from courses.models import CoursePage, Enrollment


def scope_category_field(form, user, name: str = "category") -> None:
    from . import selectors  # models.py imports this module, and selectors import the models

    if user is not None and name in form.fields:
        form.fields[name].queryset = selectors.categories_for_author(user=user)


class QuestionCategoryForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from . import selectors  # models.py imports this module, and selectors import the models

        user = self.for_user
        field = self.fields.get("course")
        if user is None or field is None:
            return
        field.queryset = selectors.courses_for_new_categories(user=user)
        if selectors.sees_whole_bank(user):
            return
        if self.instance.pk and self.instance.course_id is None:
            # A shared category stays shared: an instructor can't take it from other courses.
            field.disabled = True
            field.help_text = _("Shared by every course; only reviewers can change that.")
        else:
            field.required = True
            field.empty_label = None


class AssessmentPageForm(WagtailAdminPageForm):
    """Pool rules draw only from the categories and questions the editor may see."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from . import selectors  # models.py imports this module, and selectors import the models

        user = self.for_user
        pool_rules = self.formsets.get("pool_rules")
        if user is None or pool_rules is None:
            return
        categories = selectors.categories_for_author(user=user)
        questions = selectors.questions_for_author(user=user)

        def scoped(form):
            if "category" in form.fields:
                form.fields["category"].queryset = categories
            if "question" in form.fields:
                form.fields["question"].queryset = questions

        class ScopedPoolRuleForm(pool_rules.form):
            # Also the form of rules added in the browser (the formset's empty form).
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                scoped(self)

        pool_rules.form = ScopedPoolRuleForm
        if "forms" in vars(pool_rules):  # forms built before this point
            for form in pool_rules.forms:
                scoped(form)


class TraineeByEmailField(forms.ModelChoiceField):
    """A trainee named by e-mail address rather than picked from a list: a drop-down would show
    an instructor every trainee of every course, and would not scale to thousands."""

    widget = forms.EmailInput

    def __init__(self, *args, **kwargs):
        kwargs["to_field_name"] = "email"
        kwargs.setdefault("error_messages", {})["invalid_choice"] = _(
            "No trainee with this e-mail address is enrolled in a course you teach."
        )
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        return super().to_python((value or "").strip().lower())


class AccommodationForm(WagtailAdminModelForm):
    """An instructor gives extra time or attempts on their own courses' assessments, to a trainee
    enrolled in the course of that assessment."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from . import selectors  # models.py imports this module, and selectors import the models

        user = self.for_user
        if user is None:
            return
        if "trainee" in self.fields:
            old = self.fields["trainee"]
            self.fields["trainee"] = TraineeByEmailField(
                queryset=selectors.trainees_for_instructor(user=user),
                label=old.label,
                required=True,
                help_text=_("The e-mail address the trainee signs in with."),
            )
            if self.instance.pk:
                self.initial["trainee"] = self.instance.trainee.email
        if "assessment" in self.fields:
            self.fields["assessment"].queryset = selectors.assessments_for_instructor(user=user)

    def clean(self):
        cleaned = super().clean()
        trainee, assessment = cleaned.get("trainee"), cleaned.get("assessment")
        if trainee and assessment:
            course = CoursePage.objects.ancestor_of(assessment).first()
            if not Enrollment.objects.active().filter(trainee=trainee, course=course).exists():
                self.add_error(
                    "trainee", _("This trainee is not enrolled in the course of that assessment.")
                )
        if cleaned.get("extra_minutes") == 0 and cleaned.get("extra_attempts") == 0:
            raise forms.ValidationError(_("Give extra minutes, extra attempts, or both."))
        return cleaned
