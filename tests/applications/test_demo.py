"""The demo's state board: one application in each state, fictional people, safe to run twice;
board@ can decide the pending appeal (a different reviewer denied it)."""

import pytest
from django.contrib.auth.models import Group

from accounts import roles
from applications import services
from applications.demo import seed_applications
from applications.models import Application
from certificates.models import Certificate
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_one_application_in_each_state_and_a_second_run_adds_nothing(
    private_media, issuer_keys, django_capture_on_commit_callbacks
):
    board = UserFactory(email="board@example.org")
    users = {"board@example.org": board}
    with django_capture_on_commit_callbacks(execute=True):
        lines = seed_applications(users=users, password="pw")
    states = sorted(Application.objects.values_list("status", flat=True))
    assert states == sorted(["draft", "referees", "info", "denied", "approved"])
    assert any(line.startswith("Demo login: daniel.kim@example.org") for line in lines)
    assert board.groups.filter(name=roles.BOARD_REVIEWERS).exists()
    approved = Application.objects.get(status="approved")
    certificate = Certificate.objects.get(holder=approved.applicant)
    assert certificate.status == Certificate.Status.VALID
    denied = Application.objects.get(status="denied")
    assert denied.appeal.outcome == "pending"
    seed_applications(users=users, password="pw")
    assert Application.objects.count() == 5
    services.appeal_decide(
        application_id=denied.pk, reviewer=board, grant=False, text="The new check is older."
    )
    assert Group.objects.get(name=roles.BOARD_REVIEWERS).user_set.count() == 2
