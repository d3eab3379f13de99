"""A published probation ends by itself on its end date, in the daily run: the verification page
says "Probation ended on …", or no longer lists it, as the board's policy says."""

from datetime import date

import pytest
from django.urls import reverse

from certificates.models import Certificate, PublicAction
from cms.daily import DAILY_TASKS
from discipline import policy, services, sweep
from discipline.models import DisciplinePolicy

pytestmark = pytest.mark.django_db

DECIDED = date(2026, 3, 2)
ENDS = date(2026, 9, 1)
SUMMARY = "Probation: monthly supervision reports to the board for six months."


@pytest.fixture
def probation(ethics, case, certificate, board_policy):
    services.case_link_certificate(case_id=case.pk, actor=ethics, code=certificate.code)
    services.sanction_add(
        case_id=case.pk,
        actor=ethics,
        kind="probation",
        decided_on=DECIDED,
        ends_on=ENDS,
        public_summary=SUMMARY,
        conditions="Monthly reports from the supervisor.",
    )
    services.case_close(case_id=case.pk, actor=ethics)
    return PublicAction.objects.get(certificate=certificate, kind="probation")


def _page(client, certificate) -> str:
    certificate.refresh_from_db()
    return client.get(reverse("verify_detail", args=[certificate.code])).content.decode()


def test_probation_stays_in_force_until_its_end_date(client, probation, certificate):
    assert sweep.probation_due(today=date(2026, 8, 31)) == 0
    page = _page(client, certificate)
    assert "until 2026-09-01" in page
    assert "Probation ended on" not in page
    [action] = client.get(f"/api/v1/verify/{certificate.code}").json()["public_actions"]
    assert (action["ends_on"], action["ended_on"]) == ("2026-09-01", None)


def test_on_its_end_date_the_page_says_the_probation_ended(client, probation, certificate):
    assert sweep.probation_due(today=ENDS) == 1
    page = _page(client, certificate)
    assert "Probation ended on 2026-09-01" in page
    assert SUMMARY in page
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID
    assert certificate.public_actions_shown[0]["ended_on"] == "2026-09-01"
    # Employers' systems read the same from the API.
    [action] = client.get(f"/api/v1/verify/{certificate.code}").json()["public_actions"]
    assert (action["type"], action["ended_on"]) == ("probation", "2026-09-01")
    # The history says so, publicly, once.
    assert certificate.events.filter(reason__startswith="Probation ended on").count() == 1
    # The next day's run changes nothing.
    assert sweep.probation_due(today=date(2026, 9, 2)) == 0
    assert certificate.events.filter(reason__startswith="Probation ended on").count() == 1


def test_a_board_that_shows_only_what_is_in_force_takes_it_off(
    client, probation, certificate, board_policy
):
    board_policy.ended_probation = DisciplinePolicy.EndedProbation.REMOVE
    board_policy.save()
    assert sweep.probation_due(today=date(2026, 9, 5)) == 1
    page = _page(client, certificate)
    assert SUMMARY not in page
    assert 'id="public-actions"' not in page
    assert not PublicAction.objects.filter(certificate=certificate).exists()
    assert sweep.probation_due(today=date(2026, 9, 6)) == 0


def test_other_published_actions_never_end_by_themselves(ethics, case, certificate, board_policy):
    services.case_link_certificate(case_id=case.pk, actor=ethics, code=certificate.code)
    services.sanction_add(
        case_id=case.pk,
        actor=ethics,
        kind="reprimand",
        decided_on=DECIDED,
        public_summary="Reprimanded for a boundary violation.",
    )
    services.case_close(case_id=case.pk, actor=ethics)
    assert sweep.probation_due(today=date(2030, 1, 1)) == 0
    certificate.refresh_from_db()
    assert "ended_on" not in certificate.public_actions_shown[0]


def test_the_daily_run_ends_probations_right_after_the_status_sweeps():
    labels = [task.label for task in DAILY_TASKS]
    assert labels.index("probations ended") < labels.index("roster notifications")
    assert labels.index("lapsed") < labels.index("probations ended")


@pytest.mark.parametrize(
    ("today", "ended_on", "rule", "outcome"),
    [
        (date(2026, 8, 31), None, policy.SHOW_ENDED, None),
        (ENDS, None, policy.SHOW_ENDED, "end"),
        (ENDS, ENDS, policy.SHOW_ENDED, None),
        (ENDS, None, policy.REMOVE, "remove"),
        (date(2026, 8, 31), None, policy.REMOVE, None),
        (date(2027, 1, 1), ENDS, policy.REMOVE, "remove"),
    ],
)
def test_ended_probation_outcome(today, ended_on, rule, outcome):
    assert (
        policy.ended_probation_outcome(ends_on=ENDS, ended_on=ended_on, today=today, rule=rule)
        == outcome
    )
