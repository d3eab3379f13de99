"""Every role lands on its own work: /dashboard/ (where sign-in leads) shows one section per
role a person holds, each count right and each link opening for them; the trainee part is for
trainees; the admin's dashboard shows the same counts as panels; and the queries stay fixed
however much waits."""

from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from accounts import roles
from assessments import services as assessment_services
from certificates.models import Certificate, NameChangeRequest
from cms.homes import sections_for
from continuing_education.models import CEActivity, RenewalApplication
from courses.models import LessonPage
from courses.permissions import ensure_role_groups
from employers.models import EmployerAccessRequest, RosterEntry
from employers.services.roster import roster_add
from tests.assessments.conftest import make_assessment, make_instructor
from tests.conftest import build_course
from tests.factories import CourseIndexPageFactory, EnrollmentFactory, UserFactory
from tests.factories.certificates import CertificateFactory, SupervisionEntryFactory
from tests.factories.continuing_education import RenewalApplicationFactory
from tests.factories.evaluations import make_evaluator, make_instrument
from tests.module_data import home_page, module_data

pytestmark = pytest.mark.django_db


def in_group(name: str, **fields):
    group, _ = Group.objects.get_or_create(name=name)
    return UserFactory(groups=[group], **fields)


def counts(user) -> dict[str, dict[str, int]]:
    return {
        section.key: {item.key: item.count for item in section.items}
        for section in sections_for(user)
    }


def home(client, user):
    client.force_login(user)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    return response


def assert_links_open(client, user):
    """Every link a home offers opens for its person."""
    client.force_login(user)
    for section in sections_for(user):
        urls = [section.url] + [item.url for item in section.items]
        urls += [link.url for item in section.items for link in item.links]
        for url in filter(None, urls):
            assert client.get(url).status_code == 200, (section.key, url)


def build_world():
    """Two courses; an instructor of the first with an essay to grade and a draft returned by
    the reviewer; CE, renewals and an audit waiting; failing issuance, a name change, an
    employer access request; a supervisor with entries; an employer with a roster."""
    course_index = CourseIndexPageFactory(parent=home_page())
    ensure_role_groups(course_index=course_index)
    mine, theirs = build_course(course_index, modules=1), build_course(course_index, modules=1)
    instructor = make_instructor(mine.course)
    make_instructor(theirs.course)
    reviewer = in_group(roles.REVIEWERS, is_staff=True)

    trainee = UserFactory()
    EnrollmentFactory(trainee=trainee, course=mine.course)
    EnrollmentFactory(trainee=trainee, course=theirs.course)
    for tree in (mine, theirs):
        essay_quiz, _ = make_assessment(tree.modules[0], types=["essay"])
        attempt = assessment_services.attempt_start(trainee=trainee, assessment=essay_quiz)
        assessment_services.attempt_submit(attempt=attempt)
    graded_quiz, _ = make_assessment(mine.modules[0], types=["single"])
    attempt = assessment_services.attempt_start(trainee=trainee, assessment=graded_quiz)
    assessment_services.attempt_submit(attempt=attempt)

    # A lesson the instructor sent for review, returned with changes asked.
    lesson = mine.lessons[0][0]
    lesson.title = "Draft: motivational interviewing"
    lesson.save_revision(user=instructor)
    state = lesson.get_workflow().start(lesson, instructor)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, reviewer, "reject", comment="Cite the source")
    # Another lesson waits for the reviewer.
    waiting = mine.lessons[0][1]
    waiting.save_revision(user=instructor)
    waiting.get_workflow().start(waiting, instructor)

    holder = UserFactory()
    CEActivity.objects.create(
        holder=holder,
        title="Ethics refresher",
        provider="RCO",
        date=date(2026, 10, 1),
        hours=Decimal("3"),
        delivery_mode="live_online",
    )
    RenewalApplicationFactory(status=RenewalApplication.Status.SUBMITTED)
    RenewalApplicationFactory(status=RenewalApplication.Status.AUDIT)
    RenewalApplicationFactory(status=RenewalApplication.Status.APPROVED)

    CertificateFactory(
        status=Certificate.Status.PENDING, issued_on=None, job_attempts=3, last_error="OSError"
    )
    named = CertificateFactory()
    NameChangeRequest.objects.create(holder=named.holder, first_name="Jo", last_name="Reyes")
    EmployerAccessRequest.objects.create(user=UserFactory(), organisation="Harbour House")

    supervisor = in_group(roles.SUPERVISORS)
    SupervisionEntryFactory.create_batch(2, supervisor=supervisor)
    SupervisionEntryFactory(supervisor=supervisor, status="signed")

    employer = in_group(roles.EMPLOYERS)
    soon = CertificateFactory(expires_on=timezone.localdate() + timedelta(days=30))
    changed = CertificateFactory()
    for certificate in (soon, changed, CertificateFactory()):
        roster_add(employer=employer, code=certificate.code)
    Certificate.objects.filter(pk=changed.pk).update(status="suspended")

    evaluator = make_evaluator(course=mine.course)
    instrument = make_instrument(course=mine.course)
    from evaluations.models import Evaluation

    Evaluation.objects.create(
        trainee=trainee, instrument=instrument, revision_id=instrument.live_revision_id
    )

    return SimpleNamespace(
        instructor=instructor,
        reviewer=reviewer,
        supervisor=supervisor,
        employer=employer,
        evaluator=evaluator,
        trainee=trainee,
        lesson=lesson,
        mine=mine,
    )


# Built once for the module and copied back into each test's transaction.
world_rows, world = module_data(build_world)


# --- each role, its counts and links ------------------------------------------------------------


def test_a_supervisor_sees_the_entries_waiting_for_them(client, world):
    assert counts(world.supervisor) == {"supervisor": {"entries": 2}}
    html = home(client, world.supervisor).content.decode()
    assert 'id="home-supervisor-entries" data-count="2"' in html
    assert "You are not enrolled" not in html  # no trainee part for a supervisor only
    assert_links_open(client, world.supervisor)


def test_an_instructor_sees_essays_returned_drafts_and_results_of_their_courses(client, world):
    assert counts(world.instructor) == {
        "instructor": {"essays": 1, "returned": 1, "results": 1, "checkins": 0}
    }
    [section] = sections_for(world.instructor)
    [returned] = [item for item in section.items if item.key == "returned"]
    [draft] = returned.links
    assert draft.text == "Draft: motivational interviewing"
    assert draft.url == reverse("wagtailadmin_pages:edit", args=[world.lesson.pk])
    assert draft.detail == "Cite the source"
    html = home(client, world.instructor).content.decode()
    assert "Cite the source" in html
    assert_links_open(client, world.instructor)


def test_a_reviewer_sees_pages_ce_records_renewals_and_audits(client, world):
    assert counts(world.reviewer) == {
        "reviewer": {"pages": 1, "ce_records": 1, "renewals": 1, "audits": 1}
    }
    assert_links_open(client, world.reviewer)


def test_a_certificate_manager_sees_failing_issuance_and_name_changes(client, world):
    manager = UserFactory(is_staff=True)
    manager.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_certificate"),
    )
    assert counts(manager) == {"certificate_manager": {"failing": 1, "name_changes": 1}}
    assert_links_open(client, manager)


def test_an_employer_sees_the_roster_with_expiring_and_changed_flags(client, world):
    assert counts(world.employer) == {"employer": {"followed": 3, "expiring": 1, "changed": 1}}
    html = home(client, world.employer).content.decode()
    assert 'id="home-employer-changed" data-count="1"' in html
    assert_links_open(client, world.employer)


def test_an_evaluator_sees_their_queue(client, world):
    assert counts(world.evaluator) == {"evaluator": {"assigned": 0, "unassigned": 1, "second": 0}}
    assert_links_open(client, world.evaluator)


def test_an_administrator_sees_every_admin_queue_and_the_site_overview(client, world):
    admin = UserFactory(is_superuser=True, is_staff=True)

    assert counts(admin) == {
        "oversight": {"supervision": 2, "evaluations": 1},
        "instructor": {"essays": 2, "returned": 1, "results": 1, "checkins": 0},
        "reviewer": {"pages": 1, "ce_records": 1, "renewals": 1, "audits": 1},
        "certificate_manager": {"failing": 1, "name_changes": 1},
        "user_manager": {"access": 1},
    }
    assert_links_open(client, admin)


def test_someone_with_several_roles_sees_each_section(client, world):
    both = world.supervisor
    both.groups.add(Group.objects.get(name=roles.EMPLOYERS))
    roster_add(employer=both, code=CertificateFactory().code)

    html = home(client, both).content.decode()

    assert 'id="home-supervisor"' in html and 'id="home-employer"' in html


# --- the trainee part --------------------------------------------------------------------------


def test_a_trainee_sees_their_own_dashboard_and_no_role_sections(client, world):
    html = home(client, world.trainee).content.decode()
    assert 'id="role-homes"' not in html
    assert 'id="courses-heading"' in html


def test_a_new_account_sees_the_trainee_dashboard(client, db):
    html = home(client, UserFactory()).content.decode()
    assert "You are not enrolled in a course yet." in html


def test_a_staff_member_who_is_also_enrolled_sees_both(client, world):
    EnrollmentFactory(trainee=world.supervisor, course=world.mine.course)
    html = home(client, world.supervisor).content.decode()
    assert 'id="home-supervisor"' in html and 'id="courses-heading"' in html


def test_signing_in_lands_on_the_role_aware_home(client, world):
    world.reviewer.set_password("pw-for-the-test-1")
    world.reviewer.save()
    response = client.post(
        reverse("login"),
        {"username": world.reviewer.email, "password": "pw-for-the-test-1"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("dashboard")
    assert 'id="home-reviewer"' in response.content.decode()


# --- the admin's dashboard ---------------------------------------------------------------------


def test_the_wagtail_dashboard_shows_the_same_counts_as_panels(client, world):
    client.force_login(world.reviewer)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="admin-home-reviewer-ce_records" data-count="1"' in html
    assert 'id="admin-home-reviewer-audits" data-count="1"' in html

    client.force_login(world.instructor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="admin-home-instructor-essays" data-count="1"' in html
    assert 'id="admin-home-reviewer' not in html


# --- queries -----------------------------------------------------------------------------------


def test_an_administrators_home_takes_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    client.get(reverse("dashboard"))  # warm: content types, the site, the session
    with django_assert_max_num_queries(40) as before:
        client.get(reverse("dashboard"))
    budget = len(before.captured_queries)  # now: the next request empties the query log

    # Much more of everything waiting: not one query more.
    SupervisionEntryFactory.create_batch(5, supervisor=world.supervisor)
    for _ in range(3):
        CertificateFactory(
            status=Certificate.Status.PENDING, issued_on=None, job_attempts=1, last_error="x"
        )
        RenewalApplicationFactory(status=RenewalApplication.Status.AUDIT)
    for lesson in LessonPage.objects.child_of(world.mine.modules[0])[2:]:
        lesson.save_revision(user=world.instructor)
        lesson.get_workflow().start(lesson, world.instructor)
    # The edits moved the published-content generation on (courses/cache.py): one request
    # refills what it caches, as the first did.
    client.get(reverse("dashboard"))
    with django_assert_max_num_queries(budget):
        client.get(reverse("dashboard"))


def test_each_role_section_is_a_few_queries(world, django_assert_max_num_queries):
    for user, bound in (
        (world.supervisor, 4),  # groups, permissions (two), the count
        (world.employer, 4),
        (world.reviewer, 10),  # Wagtail's reviewable tasks take a few
        (world.instructor, 13),  # one of them: check-ins to their live sessions
        (world.evaluator, 10),
    ):
        fresh = type(user).objects.get(pk=user.pk)
        with django_assert_max_num_queries(bound):
            sections_for(fresh)


def test_nothing_on_a_home_changes_what_is_waiting(world):
    before = RosterEntry.objects.values_list("seen_status", flat=True)
    sections_for(world.employer)
    assert list(RosterEntry.objects.values_list("seen_status", flat=True)) == list(before)
    assert Page.objects.filter(pk=world.lesson.pk).exists()
