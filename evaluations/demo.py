"""Demo practical evaluations: the five instruments (data in demo/evaluations/instruments.json),
two evaluators on the course's panel, and a short history.

- trainee@ has asked for "OARS in a first conversation" (module 1 passed and the OARS lessons
  done): the request waits, unassigned, in evaluator@'s queue;
- certified@ failed OARS once (a critical criterion, reflective listening, below "met"), passed
  it on the retake well before their certificate was issued, and both were scored by a second
  rater too, so the calibration report has pairs to show;
- certified@'s crisis hand-off evaluation, sampled for a second rater, is scheduled with
  evaluator2@ and waits for evaluator@'s independent second rating.

All scenarios are fictional. Every instrument is in English and Spanish (skill, summary,
briefs, criteria and anchors, what to practise). Idempotent: instruments are created once (later
edits in the admin are kept; an instrument seeded before it had Spanish gets the Spanish where
its English is still the demo's, as a newly published revision) and the history only when its
people have none.
"""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from accounts import roles
from courses.models import Competency, CoursePage, LessonPage, ModulePage, TrainingDomain

from . import services
from .models import ANCHOR_FIELDS, CourseEvaluator, Criterion, Evaluation, Instrument, Prerequisite

# The instrument the demo program version asks for (certificates/demo.py).
PROGRAM_INSTRUMENT = "oars-first-conversation"
EVALUATORS = ("evaluator@example.org", "evaluator2@example.org")
# The instrument's own texts with a Spanish column beside them.
TEXT_FIELDS = ("skill", "summary", "evaluator_brief", "actor_brief", "remediation")


def load_instruments() -> list[dict]:
    path = settings.BASE_DIR / "demo" / "evaluations" / "instruments.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _prerequisite_page(course: CoursePage, reference: dict):
    module = ModulePage.objects.child_of(course).get(slug=reference["module"])
    if "lesson" in reference:
        return LessonPage.objects.child_of(module).get(slug=reference["lesson"])
    return module


def seed_instrument(data: dict, *, course: CoursePage) -> Instrument:
    """One instrument from its data, published (a first revision) unless it exists already."""
    instrument = Instrument.objects.filter(key=data["key"]).first()
    if instrument is not None:
        _fill_spanish(instrument, data)
        return instrument
    domains = {d.name: d for d in TrainingDomain.objects.all()}
    competencies = {c.number: c for c in Competency.objects.filter(framework="SAMHSA")}
    instrument = Instrument(
        key=data["key"],
        skill=data["skill"],
        course=course,
        summary=data["summary"],
        evaluator_brief=data["evaluator_brief"],
        actor_brief=data["actor_brief"],
        duration_minutes=data["duration_minutes"],
        pass_percent=data["pass_percent"],
        critical_min_level=data["critical_min_level"],
        second_rater_percent=data["second_rater_percent"],
        kappa_threshold=Decimal(data["kappa_threshold"]),
        min_pairs=data["min_pairs"],
        retake_cooldown_days=data["retake_cooldown_days"],
        max_attempts=data["max_attempts"],
        remediation=data["remediation"],
        instructors_may_evaluate=data["instructors_may_evaluate"],
        live=False,
        **{f"{field}_es": data[f"{field}_es"] for field in TEXT_FIELDS},
    )
    instrument.criteria = [
        Criterion(
            sort_order=order,
            title=row["title"],
            title_es=row["title_es"],
            critical=row["critical"],
            domain=domains[row["domain"]],
            competency=competencies[row["competency"]],
            **dict(zip(ANCHOR_FIELDS, row["anchors"], strict=True)),
            **{
                f"{field}_es": text
                for field, text in zip(ANCHOR_FIELDS, row["anchors_es"], strict=True)
            },
        )
        for order, row in enumerate(data["criteria"])
    ]
    instrument.prerequisites = [
        Prerequisite(sort_order=order, page=_prerequisite_page(course, reference))
        for order, reference in enumerate(data["prerequisites"])
    ]
    instrument.full_clean()
    instrument.save()
    instrument.save_revision().publish()
    instrument.refresh_from_db()
    return instrument


def _fill(row, field: str, english: str, spanish: str) -> bool:
    """Set ``row.<field>_es`` when it is empty and ``row.<field>`` is still the demo's English
    (Spanish someone typed, or a translation of other words, is never overwritten)."""
    if getattr(row, f"{field}_es").strip() or getattr(row, field) != english:
        return False
    setattr(row, f"{field}_es", spanish)
    return True


def _fill_spanish(instrument: Instrument, data: dict) -> None:
    """The demo's Spanish for an instrument seeded before it had any, published as a new
    revision so requests from now on pin it. An instrument with an unpublished draft is left
    alone: publishing would publish someone's draft too."""
    if instrument.has_unpublished_changes:
        return
    changed = [_fill(instrument, f, data[f], data[f"{f}_es"]) for f in TEXT_FIELDS]
    criteria = list(instrument.criteria.order_by("sort_order"))
    rows = data["criteria"] if len(criteria) == len(data["criteria"]) else []
    for criterion, row in zip(criteria, rows, strict=False):  # rows is empty on a mismatch
        if criterion.title != row["title"]:
            continue
        fills = [_fill(criterion, "title", row["title"], row["title_es"])] + [
            _fill(criterion, f, english, spanish)
            for f, english, spanish in zip(
                ANCHOR_FIELDS, row["anchors"], row["anchors_es"], strict=True
            )
        ]
        if any(fills):
            criterion.save()
            changed.append(True)
    if any(changed):
        instrument.save()
        instrument.save_revision().publish()


def _levels(instrument: Instrument, levels: list[int]) -> dict[int, int]:
    criteria = list(instrument.criteria.order_by("sort_order"))
    return {criterion.pk: level for criterion, level in zip(criteria, levels, strict=True)}


def _past_evaluation(
    *,
    trainee,
    instrument: Instrument,
    primary,
    second,
    days_ago: int,
    primary_levels: list[int],
    second_levels: list[int] | None,
    comment: str,
    mode: str,
) -> Evaluation:
    """A finished evaluation, dated `days_ago`, scored through the services."""
    now = timezone.now()
    held = now - timedelta(days=days_ago)
    evaluation = Evaluation.objects.create(
        trainee=trainee,
        instrument=instrument,
        revision_id=instrument.live_revision_id,
        requested_at=held - timedelta(days=9),
        second_rating_wanted=second is not None,
    )
    services.evaluation_schedule(
        evaluator=primary,
        evaluation_id=evaluation.pk,
        mode=mode,
        scheduled_for=held,
        location="Training room 2, PeerCert Community Recovery Center"
        if mode == Evaluation.Mode.IN_PERSON
        else "",
        video_link="https://meet.example.org/peercert-demo-oars"
        if mode == Evaluation.Mode.VIDEO
        else "",
    )
    if second is not None:
        services.second_rating_take(evaluator=second, evaluation_id=evaluation.pk)
    services.rating_submit(
        rater=primary,
        evaluation_id=evaluation.pk,
        levels=_levels(instrument, primary_levels),
        comment=comment,
        at=held + timedelta(minutes=30),
    )
    if second is not None and second_levels is not None:
        services.rating_submit(
            rater=second,
            evaluation_id=evaluation.pk,
            levels=_levels(instrument, second_levels),
            comment="Second rating for calibration.",
            at=held + timedelta(minutes=40),
        )
    return Evaluation.objects.get(pk=evaluation.pk)


def _seed_history(*, instruments: dict[str, Instrument], users: dict) -> None:
    certified = users["certified@example.org"]
    evaluator, evaluator2 = (users[email] for email in EVALUATORS)
    if Evaluation.objects.filter(trainee=certified).exists():
        return
    oars = instruments[PROGRAM_INSTRUMENT]
    # Criteria in order: open questions, affirmations, reflective listening (critical),
    # summaries, follows the person's lead (critical).
    _past_evaluation(
        trainee=certified,
        instrument=oars,
        primary=evaluator,
        second=evaluator2,
        days_ago=330,
        primary_levels=[2, 2, 1, 2, 2],
        second_levels=[2, 1, 1, 2, 2],
        comment=(
            "Warm, genuine affirmations and you held back advice well. Reflective listening "
            "is not there yet: most of your reflections came out as questions, and you asked "
            "about three questions for every reflection, so Renée gave short answers. Practise "
            "statements with your voice going down at the end, and aim for two reflections "
            "per question."
        ),
        mode=Evaluation.Mode.IN_PERSON,
    )
    _past_evaluation(
        trainee=certified,
        instrument=oars,
        primary=evaluator2,
        second=evaluator,
        days_ago=290,
        primary_levels=[2, 3, 2, 3, 2],
        second_levels=[2, 3, 2, 2, 2],
        comment=(
            "A clear step forward. Your reflections outnumbered your questions, and the "
            "double-sided reflection about the job and the weekends opened up Renée's own "
            "reasons. Your closing summary gathered her change talk and ended with an "
            "invitation. Keep offering information only with permission, as you did."
        ),
        mode=Evaluation.Mode.VIDEO,
    )
    # A sampled evaluation still to come: evaluator2@ scores it, evaluator@ is its second rater.
    crisis = instruments["crisis-warm-handoff-988"]
    upcoming = Evaluation.objects.create(
        trainee=certified,
        instrument=crisis,
        revision_id=crisis.live_revision_id,
        requested_at=timezone.now() - timedelta(days=5),
        second_rating_wanted=True,
    )
    services.evaluation_schedule(
        evaluator=evaluator2,
        evaluation_id=upcoming.pk,
        mode=Evaluation.Mode.VIDEO,
        scheduled_for=(timezone.now() + timedelta(days=3)).replace(
            hour=17, minute=30, second=0, microsecond=0
        ),
        video_link="https://meet.example.org/peercert-demo-crisis",
    )
    services.second_rating_take(evaluator=evaluator, evaluation_id=upcoming.pk)


def _seed_request(*, instruments: dict[str, Instrument], users: dict) -> None:
    trainee = users["trainee@example.org"]
    if Evaluation.objects.filter(trainee=trainee).exists():
        return
    request = services.evaluation_request(
        trainee=trainee,
        instrument=instruments[PROGRAM_INSTRUMENT],
        now=timezone.now() - timedelta(days=2),
    )
    # The sample is random; the demo's waiting request is the plain kind.
    Evaluation.objects.filter(pk=request.pk).update(second_rating_wanted=False)


@transaction.atomic
def seed_evaluations(*, course: CoursePage, users: dict) -> list[str]:
    group, _ = Group.objects.get_or_create(name=roles.EVALUATORS)
    for email in EVALUATORS:
        users[email].groups.add(group)
        CourseEvaluator.objects.get_or_create(evaluator=users[email], course=course)
    instruments = {data["key"]: seed_instrument(data, course=course) for data in load_instruments()}
    _seed_history(instruments=instruments, users=users)
    _seed_request(instruments=instruments, users=users)
    return []
