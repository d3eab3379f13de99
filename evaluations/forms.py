from __future__ import annotations

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Criterion, Evaluation

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class ScheduleForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("How"),
        choices=Evaluation.Mode.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose in person or video.")},
    )
    scheduled_for = forms.DateTimeField(
        label=_("Date and time"),
        input_formats=[DATETIME_LOCAL],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
    )
    location = forms.CharField(
        label=_("Where (in person)"),
        max_length=300,
        required=False,
        help_text=_("Room and address, e.g. “Training room 2, 14 Harbor St.”"),
    )
    video_link = forms.URLField(
        label=_("Video link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("Shown only to the trainee and the evaluators of this evaluation."),
    )


def criterion_field(criterion_id: int) -> str:
    return f"criterion-{criterion_id}"


def note_field(criterion_id: int) -> str:
    return f"note-{criterion_id}"


class RatingForm(forms.Form):
    """A level for each criterion of the pinned instrument (radio buttons whose labels are the
    anchors), an optional note per criterion and the feedback the trainee reads."""

    comment = forms.CharField(
        label=_("Feedback for the trainee"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("What they did well and what to practise. The trainee reads this."),
    )

    def __init__(self, *args, criteria: list[Criterion], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[criterion_field(criterion.pk)] = forms.TypedChoiceField(
                label=criterion.localized_title,
                # Each choice's label is its anchor, so the words a screen reader announces for
                # a radio button are the behaviour that level stands for.
                choices=[
                    (
                        level,
                        format_html(
                            '<span class="level-name">{} — {}</span> '
                            '<span class="level-anchor">{}</span>',
                            level,
                            name,
                            anchor,
                        ),
                    )
                    for level, name, anchor in criterion.anchors()
                ],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose a level for this criterion.")},
            )
            self.fields[note_field(criterion.pk)] = forms.CharField(
                label=_("Note on this criterion (optional)"), max_length=500, required=False
            )

    def rows(self):
        """Each criterion with its level field, its anchors and its note field, in order."""
        return [
            {
                "criterion": criterion,
                "field": self[criterion_field(criterion.pk)],
                "note": self[note_field(criterion.pk)],
                "anchors": criterion.anchors(),
            }
            for criterion in self.criteria
        ]

    def levels(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[criterion_field(c.pk)] for c in self.criteria}

    def notes(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data.get(note_field(c.pk), "") for c in self.criteria}
