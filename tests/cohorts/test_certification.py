"""Live training in the certification checklist: attended hours count per domain alongside the
self-paced modules, a version can ask for a live share (NAADAC: half face to face) and hours on
required topics (NAADAC: 6 h ethics, 6 h HIV/bloodborne pathogens), outside training counts
once approved and inside the look-back window, and the checklist shows each."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.models import CourseRequirement, DomainRequirement, TopicRequirement
from certificates.requirements import Facts, Rules, evaluate
from certificates.selectors import checklist_for, facts_for
from cohorts import services
from cohorts.models import Topic
from courses.models import LessonCompletion
from tests.factories import ModuleDomainHoursFactory, TrainingDomainFactory, UserFactory
from tests.factories.certificates import ProgramVersionFactory
from tests.factories.cohorts import enrol, make_session
from tests.factories.continuing_education import PDF_BYTES

pytestmark = pytest.mark.django_db


# --- the pure checklist ------------------------------------------------------------------------


def test_the_live_share_item_asks_for_the_share_of_the_required_total():
    rules = Rules(min_total_hours=Decimal(60), min_synchronous_percent=50)
    short = evaluate(rules, Facts(training_hours_total=Decimal(60), synchronous_hours=Decimal(29)))
    [item] = [i for i in short.items if i.kind == "synchronous"]
    assert (item.have, item.need, item.met) == (Decimal(29), Decimal(30), False)
    assert item.label == (
        "Live training (in person or by real-time video): at least 50 % of the 60 training hours"
    )
    enough = evaluate(rules, Facts(training_hours_total=Decimal(90), synchronous_hours=Decimal(30)))
    assert next(i for i in enough.items if i.kind == "synchronous").met


def test_required_topics_each_get_an_item():
    rules = Rules(min_hours_by_topic={"Ethics": Decimal(6), "HIV/bloodborne pathogens": Decimal(6)})
    checklist = evaluate(
        rules,
        Facts(training_hours_by_topic={"Ethics": Decimal("6.5"), "HIV/bloodborne pathogens": 3}),
    )
    items = {i.key: i for i in checklist.items}
    assert items["topic:Ethics"].met
    assert not items["topic:HIV/bloodborne pathogens"].met
    assert items["topic:HIV/bloodborne pathogens"].label == (
        "Training hours on HIV/bloodborne pathogens"
    )


# --- with the database -------------------------------------------------------------------------


@pytest.fixture
def version(course):
    """Asks for 6 h in total, 3 h of Ethical Responsibility, half of it live, 1 h of ethics."""
    ethics_domain = TrainingDomainFactory(name="Ethical Responsibility")
    ModuleDomainHoursFactory(module=course.modules[0], domain=ethics_domain, hours=Decimal("3"))
    version = ProgramVersionFactory(min_total_hours=Decimal("6"), min_synchronous_percent=50)
    DomainRequirement.objects.create(version=version, domain=ethics_domain, min_hours=Decimal(3))
    CourseRequirement.objects.create(version=version, course=course.course)
    TopicRequirement.objects.create(
        version=version, topic=Topic.objects.create(name="Ethics"), min_hours=Decimal(1)
    )
    return version


def items_of(trainee, version):
    return {item.key: item for item in checklist_for(trainee=trainee, version=version).items}


def test_attended_hours_count_per_domain_live_and_per_topic(course, cohort, instructor, version):
    past = make_session(
        cohort=cohort,
        start=timezone.now() - timedelta(hours=5),
        minutes=180,
        hours={"Ethical Responsibility": "3"},
        topics={Topic.objects.get(name="Ethics"): "1.5"},
    )
    make_session(cohort=cohort, start=timezone.now() + timedelta(days=2))
    trainee = enrol(cohort=cohort).trainee
    before = items_of(trainee, version)
    assert not before["synchronous"].met and not before["topic:Ethics"].met

    # A self-paced module (module 1: 8 contact hours, 3 of them Ethical Responsibility)…
    for lesson in course.lessons[0]:
        LessonCompletion.objects.create(trainee=trainee, lesson=lesson)
    # …and two of the three hours of the live session.
    services.attendance_mark(
        instructor=instructor,
        session_id=past.pk,
        marks=[services.Mark(trainee.pk, "left_early", "120")],
    )
    facts = facts_for(trainee=trainee, version=version)
    assert facts.training_hours_by_domain == {"Ethical Responsibility": Decimal("5.00")}
    assert facts.synchronous_hours == Decimal("2.00")
    assert facts.training_hours_total == course.modules[0].contact_hours + 2
    assert facts.training_hours_by_topic == {"Ethics": Decimal("1.00")}
    items = items_of(trainee, version)
    assert not items["synchronous"].met  # 2 of the 3 live hours half of 6 asks
    assert items["topic:Ethics"].met
    services.attendance_mark(
        instructor=instructor, session_id=past.pk, marks=[services.Mark(trainee.pk, "present")]
    )
    assert items_of(trainee, version)["synchronous"].met


def test_a_board_that_means_the_room_does_not_count_video(course, cohort, instructor, version):
    version.live_virtual_is_synchronous = False
    version.save()
    past = make_session(
        cohort=cohort,
        start=timezone.now() - timedelta(hours=5),
        mode="live_virtual",
        hours={"Ethical Responsibility": "3"},
    )
    make_session(cohort=cohort, start=timezone.now() + timedelta(days=2))
    trainee = enrol(cohort=cohort).trainee
    services.attendance_mark(
        instructor=instructor, session_id=past.pk, marks=[services.Mark(trainee.pk, "present")]
    )
    facts = facts_for(trainee=trainee, version=version)
    assert facts.training_hours_total == Decimal(3)
    assert facts.synchronous_hours == 0
    assert "face to face, in person" in items_of(trainee, version)["synchronous"].label


def test_approved_outside_training_counts_inside_the_look_back_window_only(course, version):
    trainee = UserFactory()
    reviewer = UserFactory(is_superuser=True)
    domain = TrainingDomainFactory(name="Ethical Responsibility")
    version.training_window_months = 12
    version.save()

    def approved(ended_days_ago: int):
        record = services.outside_training_submit(
            trainee=trainee,
            title="Ethics for peer specialists",
            provider="State Peer Workforce Alliance",
            started_on=timezone.localdate() - timedelta(days=ended_days_ago + 1),
            ended_on=timezone.localdate() - timedelta(days=ended_days_ago),
            delivery="in_person",
            hours_by_domain={domain.pk: Decimal(3)},
            certificate_data=PDF_BYTES,
            certificate_type="application/pdf",
        )
        [row] = record.domain_hours.all()
        services.outside_training_review(
            reviewer=reviewer, record_id=record.pk, approve=True, approved_hours={row.pk: "3"}
        )

    approved(ended_days_ago=500)  # outside the 12-month window
    assert facts_for(trainee=trainee, version=version).training_hours_total == 0
    approved(ended_days_ago=30)
    facts = facts_for(trainee=trainee, version=version)
    assert facts.training_hours_by_domain == {"Ethical Responsibility": Decimal(3)}
    assert facts.synchronous_hours == Decimal(3)


def test_the_checklist_page_shows_the_live_share_and_topics(client, course, version, trainee):
    from tests.factories import EnrollmentFactory

    EnrollmentFactory(trainee=trainee, course=course.course)
    client.force_login(trainee)
    page = client.get(reverse("certificates:overview")).content.decode()
    assert "Live training (in person or by real-time video): at least 50 % of the 6" in page
    assert "Training hours on Ethics" in page
    assert f'href="{reverse("cohorts:home")}"' in page
