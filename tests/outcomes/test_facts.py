"""The pre-aggregated outcome figures (outcomes/models.py): equal to the live aggregation for
every combination of filters, read by the pages in a fixed number of queries whatever the
number of trainees, refreshed after a committed change to a trainee's record, rebuilt by a
command and by the daily run."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import UTC, date, datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from certificates.models import Certificate
from cms.daily import DAILY_TASKS
from cohorts.models import Attendance
from continuing_education.models import CertificateLapse, RenewalApplication
from courses.signals import lesson_completed
from outcomes import services
from outcomes.models import OutcomeScope
from outcomes.selectors import Filters, raw_figures, stored_figures
from outcomes.tables import suppress_cube
from tests.factories.certificates import CertificateFactory
from tests.factories.cohorts import make_session
from tests.factories.continuing_education import RenewalApplicationFactory
from tests.outcomes.conftest import rebuilt
from tests.outcomes.test_dashboard import URL

pytestmark = pytest.mark.django_db


@contextmanager
def committed(capture):
    """The block as a transaction of its own that commits: its on-commit work runs at the end.
    The test's own transaction never commits, so the refresh the rows written before the block
    asked for (one per transaction, outcomes/receivers.py) is set aside, as if it had run."""
    earlier = getattr(connection, "_outcomes_batch", None)
    if earlier is not None:
        earlier.done = True
    with capture(execute=True):
        yield


def every_view() -> list[Filters]:
    return [
        Filters(version, cohort, year)
        for version, cohort, year in OutcomeScope.objects.values_list(
            "version_id", "cohort_id", "year"
        )
    ]


def varied_program(program) -> None:
    """Every kind of figure: two cohorts and people in none, two enrolment years, exam results
    in both domains, days to certificate, ended cycles renewed and lapsed, live hours."""
    spring = program.add_trainees(14, step="certified", cohort="Spring", days_to_certificate=120)
    program.add_trainees(12, step="exam", cohort="Autumn", score=(1, 0))
    program.add_trainees(13, step="modules", enrolled_on=date(2024, 9, 1))
    program.add_trainees(3, step="enrolled", enrolled_on=date(2024, 2, 1))
    older = program.add_trainees(11, step="exam", enrolled_on=date(2023, 6, 1))
    for number, person in enumerate(older):
        certificate = CertificateFactory(
            holder=person,
            version=program.version,
            status=Certificate.Status.EXPIRED,
            issued_on=date(2023, 6, 1),
            expires_on=date(2025, 6, 1),
        )
        if number < 6:
            RenewalApplicationFactory(
                certificate=certificate, status=RenewalApplication.Status.APPROVED
            )
        else:
            CertificateLapse.objects.create(certificate=certificate, lapsed_on=date(2025, 7, 1))
    session = make_session(
        cohort=program.cohort("Spring"),
        start=datetime(2025, 4, 2, 18, tzinfo=UTC),
        minutes=180,
        hours={},
    )
    Attendance.objects.bulk_create(
        Attendance(
            session=session,
            trainee=person,
            status=Attendance.Status.PRESENT,
            minutes=100,
            joined=Attendance.Joined.IN_PERSON,
        )
        for person in spring
    )


def test_the_stored_figures_equal_the_live_aggregation_for_every_view(program):
    varied_program(program)
    rebuilt()
    views = every_view()
    # Versions (all, this one) × cohorts (all, Spring, Autumn) × years (all, 2023 … this year).
    assert len(views) == 2 * 3 * (1 + date.today().year - 2023 + 1)
    stored = stored_figures(views)
    live = {view: raw_figures(view) for view in views}
    for view in views:
        assert stored.figures[view] == live[view], view
    # And what each view hides is what the live figures would hide.
    assert stored.hidden == suppress_cube(live)
    # Not an empty comparison: the data shows up.
    everyone = stored.figures[Filters()]
    assert everyone.funnel["enrolled"] == 53
    assert everyone.cycles[1] == {"ended": 11, "renewed": 6, "lapsed": 5, "neither": 0}
    assert everyone.hours["live"]["people"] == 14


def test_the_page_reads_the_same_number_of_queries_at_two_sizes(
    client, program, django_assert_max_num_queries
):
    client.force_login(program.admin)
    spring = program.cohort("Spring")
    pages = [URL, f"{URL}?version={program.version.pk}&year=2025&cohort={spring.pk}"]
    counts = []
    for extra in (12, 80):
        program.add_trainees(extra, step="certified", cohort="Spring")
        program.add_trainees(extra, step="exam")
        rebuilt()
        for page in pages + ["/programs/outcomes/report.csv?year=2025"]:
            # Counted warm: a first request may fill the site's caches (pages, rules), which
            # has nothing to do with the number of trainees.
            assert client.get(page).status_code == 200
            with (
                django_assert_max_num_queries(16),
                CaptureQueriesContext(connection) as captured,
            ):
                assert client.get(page).status_code == 200
            counts.append(len(captured.captured_queries))
    assert counts[:3] == counts[3:]


def test_a_committed_change_refreshes_the_views_it_touches(
    admin_client, program, django_capture_on_commit_callbacks
):
    program.add_trainees(20, step="certified")
    rebuilt()
    before = OutcomeScope.objects.get(version=None, cohort=None, year=None)
    # Enrolments and completions, committed: the receivers enqueue the refresh after commit.
    with committed(django_capture_on_commit_callbacks):
        people = program.add_trainees(15, step="modules")
    assert not OutcomeScope.objects.filter(stale=True).exists()
    figures = stored_figures([Filters()]).figures[Filters()]
    assert figures.funnel["enrolled"] == 35 and figures.funnel["modules"] == 35
    after = OutcomeScope.objects.get(pk=before.pk)
    assert after.refreshed_at > before.refreshed_at
    # A domain signal alone (a lesson completed) marks the person's views stale and refreshes.
    with committed(django_capture_on_commit_callbacks):
        lesson_completed.send(sender=None, trainee=people[0], lesson=program.lessons[0])
    assert OutcomeScope.objects.get(pk=before.pk).refreshed_at > after.refreshed_at


def test_many_changes_in_one_transaction_make_one_refresh(
    program, django_capture_on_commit_callbacks
):
    rebuilt()
    with django_capture_on_commit_callbacks() as callbacks:
        program.add_trainees(15, step="certified")  # 15 enrolments, 30 lessons, 15 certificates
    ours = [c for c in callbacks if getattr(c, "__qualname__", "") == "_Batch.flush"]
    assert len(ours) == 1
    assert len(ours[0].__self__.trainee_ids) == 15


def test_a_change_marked_while_a_view_is_computed_is_counted_next_time(program, monkeypatch):
    program.add_trainees(12, step="enrolled")
    rebuilt()
    people = program.add_trainees(12, step="enrolled")
    real = services.cube_figures

    def meanwhile(views, **kwargs):
        services.outcomes_mark_stale(trainee_ids=[people[0].pk])  # another change comes in
        return real(views, **kwargs)

    services.outcomes_mark_stale(trainee_ids=[people[0].pk])
    monkeypatch.setattr(services, "cube_figures", meanwhile)
    services.outcomes_refresh_stale()
    assert OutcomeScope.objects.get(version=None, cohort=None, year=None).stale


def test_a_view_not_computed_yet_says_so(admin_client, program, client):
    client.force_login(program.admin)
    html = client.get(URL).content.decode()
    assert "These figures have not been computed yet" in html
    html = admin_client.get(URL).content.decode()
    assert 'id="figures-as-of"' in html and "Figures as of" in html


def test_the_rebuild_command_and_the_daily_run(program, capsys):
    program.add_trainees(12, step="certified")
    call_command("outcomes_rebuild")
    assert "outcome views recomputed" in capsys.readouterr().out
    assert stored_figures([Filters()]).figures[Filters()].funnel["certified"] == 12
    assert "outcome views rebuilt" in [task.label for task in DAILY_TASKS]
    program.add_trainees(12, step="enrolled")
    task = next(task for task in DAILY_TASKS if task.label == "outcome views rebuilt")
    assert task.run(date.today()) == OutcomeScope.objects.count()
    assert stored_figures([Filters()]).figures[Filters()].funnel["enrolled"] == 24


def test_without_a_queue_a_large_data_set_leaves_the_recompute_to_cron(
    program, monkeypatch, django_capture_on_commit_callbacks, capsys
):
    """No Redis: the request that changes a trainee marks their views stale and stops there
    once the data set is larger than a request may recompute; `outcomes_rebuild --stale`
    (cron) recomputes them."""
    from outcomes import jobs

    program.add_trainees(12, step="certified")
    rebuilt()
    monkeypatch.setattr(jobs, "INLINE_REFRESH_MAX_ENROLMENTS", 10)
    with committed(django_capture_on_commit_callbacks):
        program.add_trainees(3, step="enrolled")
    everyone = OutcomeScope.objects.get(version=None, cohort=None, year=None)
    assert everyone.stale
    assert stored_figures([Filters()]).figures[Filters()].funnel["enrolled"] == 12
    assert stored_figures([Filters()]).stale  # the page says the figures are being updated
    call_command("outcomes_rebuild", "--stale")
    assert "stale outcome views recomputed" in capsys.readouterr().out
    assert not OutcomeScope.objects.filter(stale=True).exists()
    assert stored_figures([Filters()]).figures[Filters()].funnel["enrolled"] == 15
