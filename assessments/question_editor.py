"""The structured answer editor of a question in the Wagtail admin.

Instructors edit a question's answers the way Moodle shows them — a repeatable list of options
(text, "correct", feedback), accepted answers, ordering items, matching pairs or rubric criteria —
instead of raw JSON. Each list is a form-only field (`wagtail.blocks.BlockField` around a
ListBlock, so Wagtail's own block JS adds, removes and reorders rows). The stored format does not
change: `Question.data` stays the single source of truth. The form fills the editors from it and
writes the editor of the chosen type back into it, validated by grading.validate_question_data
(so import/export, revisions, grading and existing attempts see exactly what they saw before).

Only the editor of the chosen type counts: the others are hidden in the browser (Wagtail's
`w-rules` controller, keyed on the type field) and ignored on the server.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel
from wagtail.admin.telepath import register
from wagtail.blocks.base import BlockWidget
from wagtail.blocks.list_block import ListBlockAdapter, ListBlockValidationError

from . import grading
from .bank_forms import scope_category_field

# --- the editors ------------------------------------------------------------------------------


class EditorListBlock(blocks.ListBlock):
    """A ListBlock that is a form field on its own (not inside a StreamField)."""


class EditorListBlockAdapter(ListBlockAdapter):
    # Its JS definition gives the rendered list the root element Wagtail's block controller
    # expects (static/assessments/js/editor-list-block.js says why).
    js_constructor = "peercert.EditorListBlock"

    @property
    def media(self):
        return super().media + forms.Media(js=["assessments/js/editor-list-block.js"])


register(EditorListBlockAdapter(), EditorListBlock)


OPTIONS_BLOCK = EditorListBlock(
    blocks.StructBlock(
        [
            ("text", blocks.CharBlock(required=False, label=_("Option text"))),
            ("correct", blocks.BooleanBlock(required=False, label=_("Correct"))),
            (
                "feedback",
                blocks.TextBlock(
                    required=False,
                    label=_("Feedback"),
                    help_text=_(
                        "Shown to the trainee who chose this option, when the review policy allows."
                    ),
                ),
            ),
        ],
        label=_("Option"),
        label_format="{text}",
        icon="tick-inverse",
    ),
    label=_("Options"),
)
ACCEPTED_ANSWERS_BLOCK = EditorListBlock(
    blocks.CharBlock(required=False, label=_("Accepted answer")),
    label=_("Accepted answers"),
)
ITEMS_BLOCK = EditorListBlock(
    blocks.CharBlock(required=False, label=_("Item")),
    label=_("Items"),
)
PAIRS_BLOCK = EditorListBlock(
    blocks.StructBlock(
        [
            ("left", blocks.CharBlock(required=False, label=_("Prompt (left)"))),
            ("right", blocks.CharBlock(required=False, label=_("Match (right)"))),
        ],
        label=_("Pair"),
        label_format="{left} → {right}",
        icon="arrows-up-down",
    ),
    label=_("Pairs"),
)
RUBRIC_BLOCK = EditorListBlock(
    blocks.StructBlock(
        [
            ("criterion", blocks.CharBlock(required=False, label=_("Criterion"))),
            ("points", blocks.IntegerBlock(required=False, min_value=1, label=_("Points"))),
        ],
        label=_("Criterion"),
        label_format="{criterion} ({points})",
        icon="list-ul",
    ),
    label=_("Rubric"),
)

# Form field name (= the key it fills in `data`) → block, label, help text.
EDITORS: dict[str, tuple[EditorListBlock, Any, Any]] = {
    "options": (
        OPTIONS_BLOCK,
        _("Options"),
        _(
            "Single choice and true/false: tick exactly one correct option. Multiple response: tick "
            "every correct option. Rows left completely empty are ignored."
        ),
    ),
    "accepted_answers": (
        ACCEPTED_ANSWERS_BLOCK,
        _("Accepted answers"),
        _("Any of these is right. Case, punctuation and extra spaces are ignored when comparing."),
    ),
    "items": (
        ITEMS_BLOCK,
        _("Items in the correct order"),
        _("List the items in the right order; trainees see them shuffled."),
    ),
    "pairs": (
        PAIRS_BLOCK,
        _("Matching pairs"),
        _("Each prompt with its match; trainees see the matches shuffled."),
    ),
    "rubric": (
        RUBRIC_BLOCK,
        _("Rubric"),
        _("Criteria the grader scores by hand; the total is scaled to the question's points."),
    ),
}
TYPES_FOR_EDITOR = {
    key: [qtype for qtype, data_key in grading.DATA_KEYS.items() if data_key == key]
    for key in EDITORS
}
# Rows offered on a new question (or a type it did not have yet), so the editor never starts
# empty; rows left blank are ignored.
BLANK_ROWS: dict[str, list] = {
    "options": [{"text": "", "correct": False, "feedback": ""}] * 2,
    "accepted_answers": [""],
    "items": ["", ""],
    "pairs": [{"left": "", "right": ""}] * 2,
    "rubric": [{"criterion": "", "points": None}],
}


# --- data <-> editor rows (pure) ----------------------------------------------------------------


def rows_from_data(key: str, data: Any) -> list:
    """The editor rows for `data[key]` (data as stored; anything unreadable gives no rows)."""
    values = data.get(key) if isinstance(data, Mapping) else None
    if not isinstance(values, list):
        return []
    if key == "options":
        return [
            {
                "text": str(o.get("text", "")),
                "correct": o.get("correct") is True,
                "feedback": str(o.get("feedback", "") or ""),
            }
            for o in values
            if isinstance(o, Mapping)
        ]
    if key in ("accepted_answers", "items"):
        return [str(value) for value in values]
    if key == "pairs":
        return [
            {"left": str(pair[0]), "right": str(pair[1])}
            for pair in values
            if isinstance(pair, list | tuple) and len(pair) == 2
        ]
    if key == "rubric":
        return [
            {"criterion": str(row.get("criterion", "")), "points": row.get("points")}
            for row in values
            if isinstance(row, Mapping)
        ]
    raise KeyError(key)


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def data_from_rows(key: str, rows: Iterable) -> dict:
    """The stored `data` for the editor's rows. Rows left completely blank are dropped (as
    Moodle ignores empty answer slots); everything else is kept for validation to judge."""
    rows = list(rows or [])
    if key == "options":
        options = []
        for row in rows:
            option = {
                "text": _text(row.get("text")),
                "correct": bool(row.get("correct")),
                "feedback": _text(row.get("feedback")),
            }
            if option["text"] or option["feedback"] or option["correct"]:
                options.append(option)
        return {"options": options}
    if key in ("accepted_answers", "items"):
        return {key: [_text(row) for row in rows if _text(row)]}
    if key == "pairs":
        return {
            "pairs": [
                [_text(row.get("left")), _text(row.get("right"))]
                for row in rows
                if _text(row.get("left")) or _text(row.get("right"))
            ]
        }
    if key == "rubric":
        return {
            "rubric": [
                {"criterion": _text(row.get("criterion")), "points": row.get("points")}
                for row in rows
                if _text(row.get("criterion")) or row.get("points") is not None
            ]
        }
    raise KeyError(key)


# --- the form --------------------------------------------------------------------------------


class EditorWidget(BlockWidget):
    """Wagtail's block widget, reading a list that is missing from the POST as empty instead of
    failing on the missing ``<name>-count`` (a client may send only the chosen type's editor)."""

    def value_from_datadict(self, data, files, name):
        if self.value_omitted_from_data(data, files, name):
            return self.block_def.empty_value()
        return super().value_from_datadict(data, files, name)


def _editor_field(key: str) -> blocks.BlockField:
    block, label, help_text = EDITORS[key]
    return blocks.BlockField(
        block=block, required=False, label=label, help_text=help_text, widget=EditorWidget(block)
    )


class QuestionEditorForm(WagtailAdminModelForm):
    """The question snippet's form: the editors are form-only fields; `data` is written from the
    editor of the chosen type in clean(), so Question.data keeps its format."""

    options = _editor_field("options")
    accepted_answers = _editor_field("accepted_answers")
    items = _editor_field("items")
    pairs = _editor_field("pairs")
    rubric = _editor_field("rubric")

    editor_keys = tuple(EDITORS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        scope_category_field(self, self.for_user)
        data = self.instance.data
        for key in self.editor_keys:
            if key in self.fields:
                rows = rows_from_data(key, data) or BLANK_ROWS[key]
                self.initial[key] = self.fields[key].block.to_python(rows)

    def _editor_key(self) -> str | None:
        qtype = (getattr(self, "cleaned_data", None) or {}).get("type")
        key = grading.DATA_KEYS.get(qtype)
        return key if key in self.fields else None

    def clean(self):
        cleaned_data = super().clean()
        key = self._editor_key()
        # Only the chosen type's editor counts: what the hidden ones hold is neither checked nor
        # stored.
        for other in self.editor_keys:
            if other != key and self._errors is not None:
                self._errors.pop(other, None)
        if key is None or key in self._errors:
            return cleaned_data
        qtype = cleaned_data["type"]
        data = data_from_rows(key, cleaned_data.get(key))
        problems = grading.validate_question_data(qtype, data, points=cleaned_data.get("points"))
        if problems:
            self.add_error(key, ListBlockValidationError(non_block_errors=problems))
        else:
            self.instance.data = data
        return cleaned_data

    def add_error(self, field, error):
        # Question.clean() validates `data` too (for every other way a question is saved). This
        # form has no `data` field, so Django would refuse that error; it belongs on the editor
        # (or is already there: clean() ran the same validation first).
        error_dict = getattr(error, "error_dict", None)
        if field is None and error_dict and "data" in error_dict:
            rest = {name: errors for name, errors in error_dict.items() if name != "data"}
            key = self._editor_key()
            if key is not None and key not in self._errors:
                super().add_error(
                    key, ListBlockValidationError(non_block_errors=error_dict["data"])
                )
            elif key is None and "type" not in self._errors:
                rest.setdefault(NON_FIELD_ERRORS, []).extend(error_dict["data"])
            if not rest:
                return
            error = ValidationError(rest)
        super().add_error(field, error)

    def editor_messages(self, key: str) -> list[str]:
        """The messages shown on an editor (its list-level and per-row errors), for tests and
        for anyone reading the form without the block JS."""
        return [m for error in self.errors.as_data().get(key, []) for m in _messages(error)]


def _messages(error: ValidationError) -> list[str]:
    """The leaf messages of a (possibly nested) block validation error."""
    non_block = getattr(error, "non_block_errors", None)
    nested = getattr(error, "block_errors", None)
    if non_block is None and nested is None:
        return list(error.messages)
    messages = [m for e in (non_block.as_data() if non_block else []) for m in _messages(e)]
    for child in (nested or {}).values():
        messages += _messages(child)
    return messages


# --- panels ----------------------------------------------------------------------------------

# On the form's outermost panel: Wagtail's rules controller shows each editor only for its types.
TYPE_SWITCH_ATTRS = {"data-controller": "w-rules", "data-action": "change->w-rules#resolve"}


def answer_panels() -> list[FieldPanel]:
    return [
        FieldPanel(
            key,
            icon="list-ul",
            attrs={
                "data-w-rules-target": "show",
                "data-w-rules": json.dumps({"type": TYPES_FOR_EDITOR[key]}),
            },
        )
        for key in EDITORS
    ]


class StoredDataPanel(FieldPanel):
    """`data` shown read-only as JSON: what import/export and grading see, and what the
    revision comparison diffs."""

    def __init__(self, field_name="data", **kwargs):
        kwargs["read_only"] = True
        kwargs.setdefault(
            "help_text",
            _(
                "What the answer editors above store, as import/export and grading read it. To "
                "change it, edit the answers above."
            ),
        )
        super().__init__(field_name, **kwargs)

    def format_value_for_display(self, value):
        return json.dumps(value, ensure_ascii=False)
