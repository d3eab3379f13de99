"""The live-training story seed_demo tells: instructor@'s evening cohort of the foundations
course, six sessions, two past with trainee@'s attendance (one partial); the program version
asks for half of the training hours live (NAADAC's rule), and the certified holders still meet
every requirement; a second run adds nothing."""

from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.models import User
from certificates.models import Certificate
from certificates.selectors import checklist_for, facts_for
from cohorts import selectors
from cohorts.demo import EVENING_COHORT, INTENSIVE_COHORT, seed_cohorts
from cohorts.models import Attendance, Cohort, CohortEnrolment, Session

pytestmark = pytest.mark.django_db


def test_demo_live_training_and_a_second_run_adds_nothing(
    seeded_demo, django_capture_on_commit_callbacks
):
    users = {u.email: u for u in User.objects.all()}
    trainee, instructor = users["trainee@example.org"], users["instructor@example.org"]

    cohort = Cohort.objects.get(title=EVENING_COHORT)
    assert list(selectors.cohorts_taught(instructor).order_by("title")) == sorted(
        Cohort.objects.all(), key=lambda c: c.title
    )
    sessions = list(cohort.sessions.order_by("starts_at"))
    assert len(sessions) == 6
    now = timezone.now()
    past = [s for s in sessions if s.ends_at < now]
    assert len(past) == 2
    assert {s.mode for s in sessions} == {"in_person", "live_virtual", "hybrid"}
    assert all(s.local_start().hour == 18 and s.local_end().hour == 21 for s in sessions)
    assert CohortEnrolment.objects.get(cohort=cohort, trainee=trainee).status == "enrolled"
    marks = {a.session_id: a for a in Attendance.objects.filter(trainee=trainee)}
    assert [marks[s.pk].status for s in past] == ["present", "left_early"]
    credits = selectors.attended_credits(trainee=trainee)
    assert sorted(c.total for c in credits) == [Decimal("2.00"), Decimal("3.00")]
    assert selectors.next_session_for(user=trainee) == sessions[2]

    certified = users["certified@example.org"]
    certificate = Certificate.objects.get(holder=certified)
    version = certificate.version
    assert version.min_synchronous_percent == 50
    assert certificate.status == Certificate.Status.VALID
    assert checklist_for(trainee=certified, version=version).met
    renewal = users["renewal@example.org"]
    renewal_items = {i.key: i for i in checklist_for(trainee=renewal, version=version).items}
    assert renewal_items["synchronous"].met
    assert facts_for(trainee=renewal, version=version).synchronous_hours == Decimal(24)
    trainee_items = {i.key: i for i in checklist_for(trainee=trainee, version=version).items}
    assert trainee_items["synchronous"].have == Decimal(5)
    assert not trainee_items["synchronous"].met
    assert Cohort.objects.get(title=INTENSIVE_COHORT).sessions.count() == 8

    counts = (
        Cohort.objects.count(),
        Session.objects.count(),
        Attendance.objects.count(),
        CohortEnrolment.objects.count(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        seed_cohorts(course=cohort.course, users=users)
    assert (
        Cohort.objects.count(),
        Session.objects.count(),
        Attendance.objects.count(),
        CohortEnrolment.objects.count(),
    ) == counts
