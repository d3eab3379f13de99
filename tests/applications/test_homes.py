"""The board reviewer's home counts what waits and what is overdue; a trainee whose program
requires an application finds /apply/ from theirs; the daily run purges what is due."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from applications import services
from applications.models import Application
from certificates.models import CourseRequirement
from cms.daily import run_daily
from cms.homes import sections_for
from tests.applications.conftest import ready_draft
from tests.conftest import build_course
from tests.factories import EnrollmentFactory

pytestmark = pytest.mark.django_db


def test_the_board_reviewers_home_counts_waiting_and_overdue_and_links_to_the_queue(
    client, applicant, policy, board, private_media, django_capture_on_commit_callbacks
):
    application = ready_draft(applicant, policy)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(application_id=application.pk, applicant=applicant)
    referee = application.referees.get()
    from applications import tokens

    services.letter_submit(
        token=tokens.make(
            referee_id=referee.pk,
            nonce=Application.objects.get(pk=application.pk).referees.get().nonce,
        ),
        text="Recommended.",
    )
    # Complete 61 days ago: past Texas's 60 days.
    Application.objects.filter(pk=application.pk).update(
        clock_started_on=timezone.localdate() - timedelta(days=61)
    )
    [section] = [s for s in sections_for(board) if s.key == "board"]
    counts = {item.key: item.count for item in section.items}
    assert counts == {
        "waiting": 1,
        "overdue": 1,
        "appeals": 0,
        "extensions": 0,
        "provisional": 0,
    }
    client.force_login(board)
    page = client.get(reverse("dashboard")).content.decode()
    assert reverse("applications:queue") in page
    queue = client.get(reverse("applications:queue")).content.decode()
    assert 'id="overdue-count">1<' in queue and "overdue" in queue


def test_a_trainee_whose_program_needs_an_application_finds_apply_on_their_home(
    client, applicant, policy, course_index
):
    tree = build_course(course_index, modules=1, lessons=1)
    CourseRequirement.objects.create(version=policy.version, course=tree.course)
    EnrollmentFactory(trainee=applicant, course=tree.course)
    client.force_login(applicant)
    page = client.get(reverse("dashboard")).content.decode()
    assert reverse("applications:home") in page
    assert "Programs waiting for your application" in page
    assert client.get(reverse("applications:home")).status_code == 200


def test_the_daily_run_purges_documents_past_retention(
    applicant, policy, board, private_media, django_capture_on_commit_callbacks
):
    application = ready_draft(applicant, policy)
    Application.objects.filter(pk=application.pk).update(
        status=Application.Status.APPROVED,
        decided_at=timezone.now() - timedelta(days=365 * 7),
    )
    report = run_daily()
    assert report.counts["application documents purged"] == 1
    assert not Application.objects.get(pk=application.pk).documents.exists()
