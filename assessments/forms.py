"""Turning the attempt form's POST into answers, and the instructor forms."""

from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .selectors import courses_for_new_categories, sees_whole_bank

FIELD = re.compile(r"^q-(\d+)(?:-(\d+))?$")


def answers_from_post(post) -> dict[int, object]:
    """`q-<id>` → list of values (single, multiple, short, essay); `q-<id>-<n>` → {n: value}
    (ordering ranks per item, matching choice per row). Ids are attempt-question ids; the
    service refuses any that are not in the attempt."""
    answers: dict[int, object] = {}
    for key in post:
        match = FIELD.match(key)
        if not match:
            continue
        aq_id = int(match.group(1))
        if match.group(2) is None:
            answers[aq_id] = post.getlist(key)
        else:
            parts = answers.setdefault(aq_id, {})
            if isinstance(parts, dict):
                parts[match.group(2)] = post.get(key)
    return answers


def flags_from_post(post) -> dict[int, bool]:
    """The "flag for review" marks: every question the page showed (`shown`) is flagged exactly when
    its `flag` box was ticked (an unticked box sends nothing). Values that are not ids are
    ignored; ids outside the attempt are refused by the service."""
    flagged = {value for value in post.getlist("flag") if value.isdigit()}
    return {int(value): value in flagged for value in post.getlist("shown") if value.isdigit()}


class EssayGradeForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the trainee"), widget=forms.Textarea, required=False, max_length=5000
    )

    def __init__(self, *args, rubric: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.rubric = rubric
        for index, row in enumerate(rubric):
            self.fields[f"criterion_{index}"] = forms.DecimalField(
                label=row["criterion"],
                min_value=0,
                max_value=row["points"],
                decimal_places=2,
                help_text=_("0 to %(points)s points") % {"points": row["points"]},
            )

    def rubric_points(self) -> list:
        return [self.cleaned_data[f"criterion_{i}"] for i in range(len(self.rubric))]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or JSON file"))
    course = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Course for new categories"),
        help_text=_(
            "Categories the file names for the first time are filed under this course; "
            "existing categories keep theirs."
        ),
    )
    language = forms.ChoiceField(
        label=_("Language of the file"),
        required=False,
        help_text=_(
            "English adds or updates questions. Another language adds the versions of questions "
            "already in the bank, matched by key, with the same options and correct answers."
        ),
    )
    dry_run = forms.BooleanField(label=_("Check only (import nothing)"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            ("", _("As the file says (English when it names no language)")),
            *settings.LANGUAGES,
        ]
        course = self.fields["course"]
        course.queryset = courses_for_new_categories(user=user)
        if sees_whole_bank(user):
            course.empty_label = _("None: a bank shared by every course")
        else:
            course.required = True
            course.empty_label = None
