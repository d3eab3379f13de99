"""Writes of the pre-aggregated outcome figures (outcomes/models.py): the full rebuild, the
refresh of stale scopes, and marking the scopes a trainee's change touches as stale.

Each scope's figures are the live aggregation (outcomes/selectors.py) for its filters, written
in one transaction: a page reads either the old figures or the new ones, never half of each.
Every function here is safe to run twice."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date
from itertools import product

from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from certificates.models import Certificate, CourseRequirement, ProgramVersion
from cohorts.models import Cohort, CohortEnrolment
from courses.models import Enrollment
from outcomes.cube import cube_figures
from outcomes.facts import FactRow, rows_of
from outcomes.models import OutcomeFact, OutcomeScope
from outcomes.selectors import Filters, Raw, all_stored_figures, live_years
from outcomes.tables import key_to_json, suppress_cube

logger = logging.getLogger(__name__)


def _all_filters() -> list[Filters]:
    versions = [None, *ProgramVersion.objects.order_by("pk").values_list("pk", flat=True)]
    cohorts = [None, *Cohort.objects.order_by("pk").values_list("pk", flat=True)]
    years = [None, *live_years()]
    return [Filters(v, c, y) for v, c, y in product(versions, cohorts, years)]


@transaction.atomic
def _scopes_ensure() -> int:
    """A scope for every combination of filters the dashboard offers (new ones stale), none
    for a combination it no longer offers. Returns how many were added."""
    wanted = {(f.version, f.cohort, f.year) for f in _all_filters()}
    have = {
        (version, cohort, year): pk
        for pk, version, cohort, year in OutcomeScope.objects.values_list(
            "pk", "version_id", "cohort_id", "year"
        )
    }
    gone = [pk for key, pk in have.items() if key not in wanted]
    if gone:
        OutcomeScope.objects.filter(pk__in=gone).delete()
    added = [
        OutcomeScope(version_id=v, cohort_id=c, year=y, stale=True)
        for v, c, y in wanted
        if (v, c, y) not in have
    ]
    OutcomeScope.objects.bulk_create(added, batch_size=500)
    return len(added)


def _recompute(scope_ids: list[int], *, today: date | None = None) -> int:
    """Recompute these scopes from the live tables (set-based, every view in one pass:
    outcomes/cube.py), then, in one transaction, store their rows and decide again what every
    view hides (over all the stored figures: a change in one view can change what its
    siblings must hide). Only these scopes' rows are rewritten. Returns the number recomputed."""
    targets = {
        pk: (Filters(version, cohort, year), generation)
        for pk, version, cohort, year, generation in OutcomeScope.objects.filter(
            pk__in=scope_ids
        ).values_list("pk", "version_id", "cohort_id", "year", "generation")
    }
    # The slow part, outside the transaction: a page reads the old figures meanwhile.
    raws = cube_figures([view for view, _g in targets.values()], today=today)
    now = timezone.now()
    with transaction.atomic():
        # One writer at a time (PostgreSQL): what is hidden is decided on the figures stored.
        list(OutcomeScope.objects.select_for_update().order_by("pk").values_list("pk"))
        present = set(
            OutcomeScope.objects.filter(pk__in=list(targets)).values_list("pk", flat=True)
        )
        OutcomeFact.objects.filter(scope_id__in=present).delete()
        _write_facts((pk, row) for pk in sorted(present) for row in rows_of(raws[targets[pk][0]]))
        # Still stale when a change came in while it was computing (its generation moved on).
        by_generation: dict[int, list[int]] = {}
        for pk in present:
            by_generation.setdefault(targets[pk][1], []).append(pk)
        for generation, pks in by_generation.items():
            OutcomeScope.objects.filter(pk__in=pks, generation=generation).update(stale=False)
        OutcomeScope.objects.filter(pk__in=present).update(refreshed_at=now)
        _suppress_all(fresh={pk: (targets[pk][0], raws[targets[pk][0]]) for pk in present})
    return len(present)


def _write_facts(rows: Iterable[tuple[int, FactRow]]) -> None:
    """Insert fact rows: COPY on PostgreSQL (hundreds of thousands at the largest sizes),
    bulk_create elsewhere."""
    if connection.vendor != "postgresql":
        OutcomeFact.objects.bulk_create(
            (
                OutcomeFact(
                    scope_id=pk,
                    figure=row.figure,
                    group=row.group,
                    measure=row.measure,
                    count=row.count,
                    amount=row.amount,
                )
                for pk, row in rows
            ),
            batch_size=2000,
        )
        return
    quote = connection.ops.quote_name
    meta = OutcomeFact._meta
    names = ("scope", "figure", "group", "measure", "count", "amount")
    columns = ", ".join(quote(meta.get_field(name).column) for name in names)
    table = quote(meta.db_table)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for pk, row in rows:
            copy.write_row((pk, row.figure, row.group, row.measure, row.count, row.amount))


def _suppress_all(*, fresh: dict[int, tuple[Filters, Raw]]) -> None:
    """What every view hides, over the figures just computed (``fresh``, by scope id) and
    those stored for the others."""
    cube = all_stored_figures(skip=set(fresh)) | fresh
    hidden = suppress_cube({view: raw for view, raw in cube.values()})
    changed = []
    for pk, hidden_now in OutcomeScope.objects.values_list("pk", "hidden"):
        view = cube[pk][0]
        keys = sorted((key_to_json(key) for key in hidden[view]), key=str)
        if keys != hidden_now:
            changed.append(OutcomeScope(pk=pk, hidden=keys))
    OutcomeScope.objects.bulk_update(changed, ["hidden"], batch_size=500)


def outcomes_rebuild(*, today: date | None = None) -> int:
    """Every scope recomputed from the live tables (the daily run; `manage.py
    outcomes_rebuild`). Also what makes cycles whose expiry has just passed count as ended.
    Returns the number of scopes."""
    _scopes_ensure()
    OutcomeScope.objects.update(stale=True, generation=F("generation") + 1)
    ids = list(OutcomeScope.objects.order_by("pk").values_list("pk", flat=True))
    return _recompute(ids, today=today)


def outcomes_refresh_stale(*, today: date | None = None) -> int:
    """Recompute the scopes a change made stale (and any new combination of filters: a cohort
    or program version added since). Returns the number recomputed."""
    _scopes_ensure()
    ids = list(OutcomeScope.objects.filter(stale=True).order_by("pk").values_list("pk", flat=True))
    if not ids:
        return 0
    return _recompute(ids, today=today)


def outcomes_mark_stale(
    *,
    trainee_ids: Iterable[int] = (),
    certificate_ids: Iterable[int] = (),
    version_ids: Iterable[int] = (),
    cohort_ids: Iterable[int] = (),
) -> int:
    """Mark stale every scope whose figures may count these trainees: all versions or one
    whose courses they enrolled in or whose certificate they hold, any period; every cohort's
    views when they are (or were) in a cohort (its row in the cohort comparison), only the
    views of all trainees otherwise. ``certificate_ids``: their holders. ``version_ids``/
    ``cohort_ids`` alone: every view of these (a version whose requirements changed). Returns
    the scopes marked."""
    trainee_ids = list(trainee_ids)
    certificate_ids = list(certificate_ids)
    if certificate_ids:
        trainee_ids += Certificate.objects.filter(pk__in=certificate_ids).values_list(
            "holder_id", flat=True
        )
    versions = set(version_ids)
    cohorts = set(cohort_ids)
    if trainee_ids:
        courses = Enrollment.objects.filter(trainee_id__in=trainee_ids).values("course_id")
        versions.update(
            CourseRequirement.objects.filter(course_id__in=courses).values_list(
                "version_id", flat=True
            )
        )
        versions.update(
            Certificate.objects.filter(holder_id__in=trainee_ids).values_list(
                "version_id", flat=True
            )
        )
        cohorts.update(
            CohortEnrolment.objects.filter(trainee_id__in=trainee_ids).values_list(
                "cohort_id", flat=True
            )
        )
    elif not versions and not cohorts:
        return 0
    if trainee_ids:
        # Their figures count in the views without a version too. A trainee in a cohort
        # counts in its row of the cohort comparison, which every view of their versions
        # shows whatever cohort it is filtered to; one in none, only in the unfiltered ones.
        where = Q(version__isnull=True) | Q(version_id__in=versions)
        if not cohorts:
            where &= Q(cohort__isnull=True)
    else:
        # A version's requirements changed: its views, and the views of all versions, which
        # take every version's exams and evaluations. A cohort: its views.
        where = Q(cohort_id__in=cohorts)
        if versions:
            where |= Q(version_id__in=versions) | Q(version__isnull=True)
    return OutcomeScope.objects.filter(where).update(stale=True, generation=F("generation") + 1)


__all__ = ["outcomes_mark_stale", "outcomes_rebuild", "outcomes_refresh_stale"]
