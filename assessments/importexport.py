"""Question bank import and export, as JSON or CSV.

Both formats carry the same fields; the JSON one is the schema of the demo bank (demo/bank/):
key, category, type, text, points, difficulty, domain (name), competency (SAMHSA number),
cognitive_level (recall / application), enemies (keys of items that must never share a form
with this one), general_feedback, plus the type's own key (options / accepted_answers / items /
pairs / rubric). CSV puts that type-specific part in one "data" column as JSON, and the enemies
in one column separated by spaces. Optional columns may be left out.

Import is all or nothing: every row is checked first and any problem is reported with its line
(CSV) or item number (JSON) and the reason; only a clean file is written, in one transaction.
Questions are matched on `key`; a changed question gets a new revision, so attempts keep
pointing at the revision they showed.

A file in another language (``language`` given, or a ``"language": "es"`` key in the file, at
its top or on its items) holds *translations*: each item's key names its English original, which
must be in the bank, and its options keep the original's number, order and correct flags
(assessments/translation.py). Its words are stored on the original (``Question.translations``),
as a new revision; everything else (category, domain, points…) stays the original's. Export in
a language writes the translated items in the same format, so a translator's file round-trips. The revision is published only for someone who may
publish questions (reviewers; the command line); an instructor's import leaves drafts for review,
as the editor does. An instructor imports only into the bank of the courses they teach: a row
naming another course's category or question is refused, and new categories go to the course
chosen on the form.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from core import csv as safe_csv
from courses.models import Competency, TrainingDomain

from . import grading, selectors, translation
from .models import CognitiveLevel, Difficulty, Question, QuestionCategory

COMMON = [
    "key",
    "category",
    "type",
    "text",
    "points",
    "difficulty",
    "domain",
    "competency",
    "general_feedback",
]
# Columns a file may leave out (older exports have none of them).
OPTIONAL = ["cognitive_level", "enemies"]
TYPE_KEYS = {
    "single": "options",
    "multiple": "options",
    "true_false": "options",
    "short": "accepted_answers",
    "ordering": "items",
    "matching": "pairs",
    "essay": "rubric",
}
MAX_ROWS = 5000


@dataclass
class ImportReport:
    errors: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rows: int = 0
    published: bool = True  # False: the changes wait as drafts for a reviewer
    language: str = translation.ORIGINAL_LANGUAGE  # the file's language


def question_as_dict(question: Question) -> dict:
    row = {
        "key": question.key,
        "category": question.category.name,
        "type": question.type,
        "text": question.text,
        "points": question.points,
        "difficulty": question.difficulty,
        "domain": question.domain.name if question.domain else "",
        "competency": question.competency.number if question.competency else None,
        "general_feedback": question.general_feedback,
        "cognitive_level": question.cognitive_level,
        "enemies": sorted(enemy.key for enemy in question.enemies.all()),
    }
    type_key = TYPE_KEYS[question.type]
    row[type_key] = question.data.get(type_key, [])
    return row


def translated_as_dict(question: Question, language: str) -> dict | None:
    """The question as its translation file has it (the import format, the translated words with
    the original's metadata and correct flags), or None when it has no usable translation."""
    row = question_as_dict(question)
    content = {
        "type": question.type,
        "text": question.text,
        "general_feedback": question.general_feedback,
        "data": question.data,
        "translations": question.translations,
    }
    shown, shown_language = translation.shown_content(content, language)
    if shown_language != language:
        return None
    type_key = TYPE_KEYS[question.type]
    row.update(
        text=shown["text"],
        general_feedback=shown["general_feedback"],
        **{type_key: shown["data"][type_key]},
    )
    return row


def export_bank(*, fmt: str, queryset=None, language: str | None = None) -> str:
    """The bank as a file; with a ``language`` other than English, the questions that have a
    version in it, translated (the file a translator round-trips)."""
    questions = (
        (queryset if queryset is not None else Question.objects.all())
        .select_related("category", "domain", "competency")
        .prefetch_related("enemies")
        .order_by("key")
    )
    translated = bool(language) and language != translation.ORIGINAL_LANGUAGE
    if translated:
        rows = [row for q in questions if (row := translated_as_dict(q, language)) is not None]
    else:
        rows = [question_as_dict(q) for q in questions]
    if fmt == "json":
        lines = ",\n".join("  " + json.dumps(row, ensure_ascii=False) for row in rows)
        head = f'"language": {json.dumps(language)}, ' if translated else ""
        return "{" + head + '"questions": [\n' + lines + "\n]}\n"
    out = io.StringIO()
    # A question text may start with "=" or "-": the served file neutralises it (core/csv.py)
    # and the import below restores it, so a round trip changes nothing.
    fieldnames = COMMON + OPTIONAL + ["data"] + (["language"] if translated else [])
    writer = safe_csv.DictWriter(out, fieldnames=fieldnames)
    writer.writeheader()
    for row in rows:
        type_key = TYPE_KEYS[row["type"]]
        data = {type_key: row.pop(type_key)}
        writer.writerow(
            {
                **row,
                "competency": row["competency"] or "",
                "enemies": " ".join(row["enemies"]),
                "data": json.dumps(data, ensure_ascii=False),
                **({"language": language} if translated else {}),
            }
        )
    return out.getvalue()


def _parse(text: str, fmt: str) -> tuple[list[tuple[str, dict]], list[str], str]:
    """(where, row) pairs, or the reason the file cannot be read at all, and the language the
    file names at its top (JSON; "" when it names none)."""
    if fmt == "json":
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            return [], [f"line {error.lineno}: not valid JSON ({error.msg})"], ""
        items = document.get("questions") if isinstance(document, dict) else document
        if not isinstance(items, list):
            return [], ['expected {"questions": [...]} or a list of questions'], ""
        language = document.get("language") if isinstance(document, dict) else ""
        return (
            [(f"item {i}", item) for i, item in enumerate(items, start=1)],
            [],
            "" if language is None else str(language),
        )
    reader = csv.DictReader(io.StringIO(text))
    missing = [name for name in COMMON + ["data"] if name not in (reader.fieldnames or [])]
    if missing:
        return [], [f"line 1: missing columns {', '.join(missing)}"], ""
    rows = []
    for row in reader:
        where = f"line {reader.line_num}"
        row = {name: safe_csv.restore(value or "") for name, value in row.items() if name}
        try:
            data = json.loads(row.get("data") or "{}")
        except json.JSONDecodeError as error:
            rows.append((where, {"__error__": f"data column is not valid JSON ({error.msg})"}))
            continue
        parsed = {name: row.get(name, "") for name in COMMON}
        parsed["cognitive_level"] = row.get("cognitive_level") or ""
        parsed["enemies"] = (row.get("enemies") or "").split()
        if row.get("language"):
            parsed["language"] = row["language"]
        if isinstance(data, dict):
            parsed.update(data)
        rows.append((where, parsed))
    return rows, [], ""


def _clean_row(row, *, domains, competencies) -> tuple[dict | None, list[str]]:
    if not isinstance(row, dict):
        return None, ["not an object"]
    if "__error__" in row:
        return None, [row["__error__"]]
    errors = []
    key = str(row.get("key") or "").strip()
    qtype = str(row.get("type") or "").strip()
    if not key:
        errors.append("key is required")
    elif len(key) > 120 or not all(ch.isalnum() or ch in "-_" for ch in key):
        errors.append(f"key {key!r} must be letters, digits, - or _ (at most 120)")
    if qtype not in TYPE_KEYS:
        return None, errors + [f"unknown type {qtype!r}"]
    if not str(row.get("text") or "").strip():
        errors.append("text is required")
    if not str(row.get("category") or "").strip():
        errors.append("category is required")
    try:
        raw_points = row.get("points")
        points = 1 if raw_points in (None, "") else int(raw_points)
        if not 1 <= points <= 100:
            raise ValueError
    except (TypeError, ValueError):
        errors.append("points must be a whole number from 1 to 100")
        points = 1
    difficulty = str(row.get("difficulty") or "medium")
    if difficulty not in Difficulty.values:
        errors.append(f"difficulty must be one of {', '.join(Difficulty.values)}")
    domain_name = str(row.get("domain") or "").strip()
    if domain_name and domain_name not in domains:
        errors.append(f"unknown training domain {domain_name!r}")
    competency = row.get("competency")
    competency_number = None
    if competency not in (None, ""):
        try:
            competency_number = int(competency)
        except (TypeError, ValueError):
            competency_number = -1
        if competency_number not in competencies:
            errors.append(f"unknown SAMHSA competency {competency!r}")
    level = str(row.get("cognitive_level") or CognitiveLevel.RECALL)
    if level not in CognitiveLevel.values:
        errors.append(f"cognitive_level must be one of {', '.join(CognitiveLevel.values)}")
    enemies = row.get("enemies") or []
    if not isinstance(enemies, list) or not all(isinstance(e, str) for e in enemies):
        errors.append("enemies must be a list of question keys")
        enemies = []
    elif key in enemies:
        errors.append("a question cannot be its own enemy")
    type_key = TYPE_KEYS[qtype]
    data = {type_key: row.get(type_key)}
    errors += grading.validate_question_data(qtype, data, points=points)
    if errors:
        return None, errors
    return {
        "key": key,
        "category": str(row["category"]).strip(),
        "type": qtype,
        "text": str(row["text"]).strip(),
        "points": points,
        "difficulty": difficulty,
        "domain": domains.get(domain_name),
        "competency": competencies.get(competency_number),
        "general_feedback": str(row.get("general_feedback") or ""),
        "cognitive_level": level,
        "enemies": sorted(set(enemies)),
        "data": data,
    }, []


def _file_language(
    rows: list[tuple[str, dict]], *, named: str, asked: str | None
) -> tuple[str, list[str]]:
    """The language of a file: the one asked for (command line, form), the one the file names
    at its top or on its items. They must agree, and be one the site offers."""
    found = {named} if named else set()
    found |= {
        str(row["language"])
        for _where, row in rows
        if isinstance(row, dict) and row.get("language")
    }
    if asked:
        wrong = sorted(found - {asked})
        if wrong:
            return asked, [
                f"the file is marked {', '.join(map(repr, wrong))} but was imported as {asked!r}"
            ]
        found = {asked}
    if len(found) > 1:
        return "", [f"the file mixes languages: {', '.join(sorted(found))}"]
    language = found.pop() if found else translation.ORIGINAL_LANGUAGE
    if language not in dict(settings.LANGUAGES):
        offered = ", ".join(code for code, _name in settings.LANGUAGES)
        return language, [f"unknown language {language!r} (the site offers {offered})"]
    return language, []


def import_bank(
    text: str,
    *,
    fmt: str,
    user=None,
    dry_run: bool = False,
    course=None,
    language: str | None = None,
) -> ImportReport:
    """`user` None is the command line and the demo seed: the whole bank, published. `course`
    is where categories the file names for the first time are filed (None: shared). A file in
    a language other than English holds translations of questions already in the bank."""
    report = ImportReport()
    rows, fatal, named = _parse(text, fmt)
    if fatal:
        report.errors = fatal
        return report
    if len(rows) > MAX_ROWS:
        report.errors = [f"at most {MAX_ROWS} questions per file"]
        return report
    report.language, errors = _file_language(rows, named=named, asked=language)
    if errors:
        report.errors = errors
        return report
    if report.language != translation.ORIGINAL_LANGUAGE:
        return _import_translations(rows, report=report, user=user, dry_run=dry_run)
    domains = {d.name: d for d in TrainingDomain.objects.all()}
    competencies = {c.number: c for c in Competency.objects.filter(framework="SAMHSA")}
    cleaned, seen = [], {}
    for where, row in rows:
        values, errors = _clean_row(row, domains=domains, competencies=competencies)
        if values and values["key"] in seen:
            errors = [f"key {values['key']!r} repeats {seen[values['key']]}"]
        if errors:
            report.errors.extend(f"{where}: {error}" for error in errors)
            continue
        seen[values["key"]] = where
        cleaned.append((where, values))
    report.errors.extend(_bank_refusals(cleaned, user=user, course=course))
    report.errors.extend(_unknown_enemies(cleaned))
    report.rows = len(rows)
    if report.errors or dry_run:
        return report
    with transaction.atomic():
        _write([values for _where, values in cleaned], report=report, user=user, course=course)
    return report


def _bank_refusals(cleaned: list[tuple[str, dict]], *, user, course) -> list[str]:
    """Rows that reach outside the importing user's courses, and a missing or foreign course
    for the categories the file creates."""
    if user is None or selectors.sees_whole_bank(user):
        return []
    allowed = set(selectors.categories_for_author(user=user).values_list("pk", flat=True))
    names = {values["category"] for _where, values in cleaned}
    existing_categories = dict(
        QuestionCategory.objects.filter(name__in=names).values_list("name", "pk")
    )
    existing_questions = dict(
        Question.objects.filter(key__in=[values["key"] for _where, values in cleaned]).values_list(
            "key", "category_id"
        )
    )
    errors = []
    for where, values in cleaned:
        pk = existing_categories.get(values["category"])
        if pk is not None and pk not in allowed:
            errors.append(
                f"{where}: category {values['category']!r} belongs to a course you do not teach"
            )
        category_id = existing_questions.get(values["key"])
        if category_id is not None and category_id not in allowed:
            errors.append(
                f"{where}: key {values['key']!r} is a question of a course you do not teach"
            )
    if names - set(existing_categories):
        teaching = selectors.courses_for_new_categories(user=user)
        if course is None or not teaching.filter(pk=course.pk).exists():
            errors.append(
                "choose one of your courses for the new categories: "
                + ", ".join(sorted(names - set(existing_categories)))
            )
    return errors


def _unknown_enemies(cleaned: list[tuple[str, dict]]) -> list[str]:
    """Enemy keys must name a question of this file or of the bank."""
    in_file = {values["key"] for _where, values in cleaned}
    named = {enemy for _where, values in cleaned for enemy in values["enemies"]} - in_file
    known = set(Question.objects.filter(key__in=named).values_list("key", flat=True))
    return [
        f"{where}: enemy {enemy!r} is not a question of this file or of the bank"
        for where, values in cleaned
        for enemy in values["enemies"]
        if enemy not in in_file and enemy not in known
    ]


def _write(cleaned: list[dict], *, report: ImportReport, user, course) -> None:
    enemies = {values["key"]: values.pop("enemies") for values in cleaned}
    _write_questions(cleaned, report=report, user=user, course=course)
    # Enemies last, once every question of the file exists. Symmetric: naming one side is
    # enough; for each question of the file, the file's pairs replace what the bank had.
    by_key = Question.objects.in_bulk(
        set(enemies) | {e for keys in enemies.values() for e in keys}, field_name="key"
    )
    for key, keys in enemies.items():
        question = by_key[key]
        named_by = {other for other, theirs in enemies.items() if key in theirs}
        wanted = {by_key[e].pk for e in set(keys) | named_by}
        if set(question.enemies.values_list("pk", flat=True)) != wanted:
            question.enemies.set(wanted)


def _write_questions(cleaned: list[dict], *, report: ImportReport, user, course) -> None:
    existing = Question.objects.in_bulk([v["key"] for v in cleaned], field_name="key")
    categories: dict[str, QuestionCategory] = {}
    publish = user is None or user.has_perm("assessments.publish_question")
    for values in cleaned:
        name = values.pop("category")
        if name not in categories:
            categories[name], _ = QuestionCategory.objects.get_or_create(
                name=name, defaults={"course": course}
            )
        question = existing.get(values["key"])
        if question is None:
            question = Question(category=categories[name], **values)
            report.created += 1
        else:
            before = question_as_dict(question)
            for attr, value in values.items():
                setattr(question, attr, value)
            question.category = categories[name]
            if question_as_dict(question) == before and question.live:
                report.unchanged += 1
                continue
            report.updated += 1
        question.full_clean()
        # Cleaned just above: save_revision's own full_clean would repeat every check (2 s of
        # the 11 s the demo's English bank took to import).
        if publish:
            question.save()
            question.save_revision(user=user, clean=False).publish(user=user)
        elif question.pk is None:
            question.live = False
            question.save()
            question.save_revision(user=user, clean=False)
        else:
            # Only a draft: the live row, which trainees' new attempts use, stays as it is until
            # a reviewer publishes the revision.
            question.save_revision(user=user, clean=False)
    report.published = publish


def _import_translations(
    rows: list[tuple[str, dict]], *, report: ImportReport, user, dry_run: bool
) -> ImportReport:
    """Each row is the translation of the bank question with its key: checked against that
    original (it must exist, have the same type and points, options and correct flags), then all
    stored in one transaction, or none."""
    language = report.language
    report.rows = len(rows)
    keys = [str(row.get("key") or "").strip() for _where, row in rows if isinstance(row, dict)]
    originals = Question.objects.in_bulk([k for k in keys if k], field_name="key")
    allowed = None
    if user is not None and not selectors.sees_whole_bank(user):
        allowed = set(selectors.categories_for_author(user=user).values_list("pk", flat=True))
    cleaned: list[tuple[Question, dict]] = []
    seen: dict[str, str] = {}
    for where, row in rows:
        if not isinstance(row, dict):
            report.errors.append(f"{where}: not an object")
            continue
        key = str(row.get("key") or "").strip()
        if not key:
            report.errors.append(f"{where}: key is required (the English original's key)")
            continue
        if key in seen:
            report.errors.append(f"{where}: key {key!r} repeats {seen[key]}")
            continue
        seen[key] = where
        original = originals.get(key)
        if original is None:
            report.errors.append(
                f"{where}: key {key!r} has no English original in the bank; import the English "
                "question first"
            )
            continue
        if allowed is not None and original.category_id not in allowed:
            report.errors.append(f"{where}: key {key!r} is a question of a course you do not teach")
            continue
        qtype = str(row.get("type") or original.type).strip()
        if qtype != original.type:
            report.errors.append(
                f"{where}: type {qtype!r} differs from the original's {original.type!r}"
            )
            continue
        points = row.get("points")
        if points not in (None, "") and str(points) != str(original.points):
            report.errors.append(
                f"{where}: points {points} differ from the original's {original.points}"
            )
            continue
        stored, errors = translation.clean_translation(original.type, original.data, row)
        if errors:
            report.errors.extend(f"{where}: {error}" for error in errors)
            continue
        cleaned.append((original, stored))
    if report.errors or dry_run:
        return report
    publish = user is None or user.has_perm("assessments.publish_question")
    report.published = publish
    with transaction.atomic():
        for question, stored in cleaned:
            if question.translations.get(language) == stored and question.live:
                report.unchanged += 1
                continue
            if language in question.translations:
                report.updated += 1
            else:
                report.created += 1
            question.translations = {**question.translations, language: stored}
            if publish:
                question.save(update_fields=["translations"])
                question.save_revision(user=user).publish(user=user)
            else:
                # A draft: trainees keep seeing the live version until a reviewer publishes.
                question.save_revision(user=user)
    return report
