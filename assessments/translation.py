"""A question's versions in other languages (Spanish first): pure functions, no ORM.

A translation lives on the question it translates (``Question.translations``, one entry per
language code), so it is part of every revision: an attempt that showed the Spanish text points
at the very revision that held it, exactly as for the English. A translation carries words only,
in the original's structure:

    {"text": …, "general_feedback": …,
     "options": [{"text": …, "feedback": …}]           single / multiple / true_false
     "items": [… in the correct order]                  ordering
     "pairs": [["left", "right"], …]                    matching
     "rubric": [{"criterion": …, "points": n}]          essay (the original's points)
     "accepted_answers": ["…"]}                         short answer (accepted too)

The number of options and their correct flags, the number of items and pairs and the rubric's
points are those of the original: an answer is stored in the original's indices whatever
language showed it, so grading reads the original and scores a Spanish answer exactly as the
English one. Only a short answer typed in Spanish needs the Spanish accepted answers as well
(`graded_data`). A translation whose original later changed shape (an option added in English)
is *stale*: readers see the English until the translation is imported again.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

ORIGINAL_LANGUAGE = "en"
CHOICE_TYPES = ("single", "multiple", "true_false")
TYPE_KEYS = {
    "single": "options",
    "multiple": "options",
    "true_false": "options",
    "short": "accepted_answers",
    "ordering": "items",
    "matching": "pairs",
    "essay": "rubric",
}


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def clean_translation(qtype: str, original: Mapping, row: Mapping) -> tuple[dict | None, list[str]]:
    """A translation file's row (the import format) checked against the original question's
    data: the words to store, or why the row cannot be a version of that question.

    ``original`` is the original's data ({"options": […]} etc.). The row's own metadata
    (category, domain, difficulty…) is the original's and is not read."""
    errors: list[str] = []
    if not _text(row.get("text")):
        errors.append("text is required")
    type_key = TYPE_KEYS.get(qtype)
    if type_key is None:
        return None, [f"unknown type {qtype!r}"]
    value = row.get(type_key)
    theirs = original.get(type_key) or []
    stored: Any = None
    if not isinstance(value, list) or not value:
        errors.append(f"{type_key} must be a non-empty list")
    elif qtype in CHOICE_TYPES:
        if len(value) != len(theirs):
            errors.append(
                f"has {len(value)} options where the original has {len(theirs)}: a translation "
                "keeps the original's options, in the same order"
            )
        else:
            stored = []
            for number, (mine, original_option) in enumerate(
                zip(value, theirs, strict=True), start=1
            ):
                if not isinstance(mine, Mapping) or not _text(mine.get("text")):
                    errors.append(f"option {number} has no text")
                    continue
                if bool(mine.get("correct")) != bool(original_option.get("correct")):
                    errors.append(
                        f"option {number} is marked "
                        f"{'correct' if mine.get('correct') else 'wrong'} but is "
                        f"{'correct' if original_option.get('correct') else 'wrong'} in the "
                        "original"
                    )
                    continue
                stored.append(
                    {"text": _text(mine["text"]), "feedback": _text(mine.get("feedback"))}
                )
    elif qtype == "ordering":
        if len(value) != len(theirs) or not all(_text(item) for item in value):
            errors.append(f"items must be {len(theirs)} texts, in the original's correct order")
        else:
            stored = [_text(item) for item in value]
    elif qtype == "matching":
        if len(value) != len(theirs) or not all(
            isinstance(pair, list | tuple) and len(pair) == 2 and all(_text(p) for p in pair)
            for pair in value
        ):
            errors.append(
                f"pairs must be {len(theirs)} [left, right] pairs, in the original's order"
            )
        else:
            stored = [[_text(left), _text(right)] for left, right in value]
    elif qtype == "essay":
        if len(value) != len(theirs):
            errors.append(
                f"the rubric has {len(value)} criteria where the original has {len(theirs)}"
            )
        else:
            stored = []
            for number, (mine, original_row) in enumerate(zip(value, theirs, strict=True), start=1):
                if not isinstance(mine, Mapping) or not _text(mine.get("criterion")):
                    errors.append(f"rubric criterion {number} has no text")
                elif str(mine.get("points")) != str(original_row.get("points")):
                    errors.append(
                        f"rubric criterion {number} is worth {mine.get('points')} points where "
                        f"the original's is worth {original_row.get('points')}"
                    )
                else:
                    stored.append(
                        {"criterion": _text(mine["criterion"]), "points": original_row["points"]}
                    )
    else:  # short
        if not all(_text(answer) for answer in value):
            errors.append("accepted_answers must be non-empty texts")
        else:
            stored = [_text(answer) for answer in value]
    if errors:
        return None, errors
    return {
        "text": _text(row.get("text")),
        "general_feedback": _text(row.get("general_feedback")),
        type_key: stored,
    }, []


def is_current(qtype: str, original: Mapping, translation: Mapping | None) -> bool:
    """Whether a stored translation still fits its original's shape (not stale)."""
    if not isinstance(translation, Mapping) or not _text(translation.get("text")):
        return False
    type_key = TYPE_KEYS.get(qtype)
    if type_key is None:
        return False
    mine, theirs = translation.get(type_key), original.get(type_key) or []
    if not isinstance(mine, list):
        return False
    if qtype == "short":
        return bool(mine)
    if len(mine) != len(theirs):
        return False
    if qtype == "essay":
        return all(
            isinstance(a, Mapping) and str(a.get("points")) == str(b.get("points"))
            for a, b in zip(mine, theirs, strict=True)
        )
    return True


def translation_for(content: Mapping, language: str) -> Mapping | None:
    """The usable translation of a question (a revision's content or plain item) into
    ``language``, or None: the original language, no translation or a stale one."""
    if not language or language == ORIGINAL_LANGUAGE:
        return None
    translation = (content.get("translations") or {}).get(language)
    if is_current(content["type"], content.get("data") or {}, translation):
        return translation
    return None


def shown_content(content: Mapping, language: str) -> tuple[dict, str]:
    """What a reader of ``language`` sees of a question: its content with the translated words
    in place of the original's, and the language actually shown (the original's when there is
    no usable translation). Correct flags, points and order stay the original's."""
    translation = translation_for(content, language)
    if translation is None:
        return dict(content), ORIGINAL_LANGUAGE
    qtype = content["type"]
    data = dict(content.get("data") or {})
    type_key = TYPE_KEYS[qtype]
    if qtype in CHOICE_TYPES:
        data["options"] = [
            {**option, "text": mine["text"], "feedback": mine.get("feedback", "")}
            for option, mine in zip(data.get("options", []), translation["options"], strict=True)
        ]
    elif qtype == "essay":
        data["rubric"] = [
            {**row, "criterion": mine["criterion"]}
            for row, mine in zip(data.get("rubric", []), translation["rubric"], strict=True)
        ]
    else:
        data[type_key] = list(translation[type_key])
    shown = dict(content)
    shown["text"] = translation["text"]
    shown["general_feedback"] = translation.get("general_feedback", "")
    shown["data"] = data
    return shown, language


def graded_data(content: Mapping, language: str) -> Mapping:
    """The data an answer given in ``language`` is graded against: the original's, plus, for a
    short answer, the accepted answers of the translation shown (a Spanish reader types Spanish).
    Every other type grades by index, which the translation shares with the original."""
    data = content.get("data") or {}
    if content.get("type") != "short":
        return data
    translation = translation_for(content, language)
    if translation is None:
        return data
    accepted = list(data.get("accepted_answers", []))
    accepted += [a for a in translation["accepted_answers"] if a not in accepted]
    return {**data, "accepted_answers": accepted}


def as_item(item: Mapping, language: str) -> dict | None:
    """A bank item (the import format, with ``translations``) as a reader of ``language`` sees
    it, for the bank report; None when it has no usable translation into that language."""
    if not language or language == ORIGINAL_LANGUAGE:
        return dict(item)
    type_key = TYPE_KEYS.get(item.get("type", ""))
    if type_key is None:
        return None
    content = {
        "type": item["type"],
        "text": item.get("text", ""),
        "general_feedback": item.get("general_feedback", ""),
        "data": {type_key: item.get(type_key) or []},
        "translations": item.get("translations") or {},
    }
    shown, shown_language = shown_content(content, language)
    if shown_language != language:
        return None
    return {
        **item,
        "text": shown["text"],
        "general_feedback": shown["general_feedback"],
        type_key: shown["data"][type_key],
    }
