"""Live sessions in a real browser: the instructor, on a 390 px phone, goes from the header to
tonight's roster, shows the check-in code, confirms the trainee who checked in with it and
marks a second trainee who left early; the trainee, from the dashboard, finds the session and
checks in with the code; the certification checklist's live-training item turns to met. No page
scrolls sideways on the phone, and axe-core finds no serious or critical violation."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from certificates.models import CourseRequirement
from cohorts.models import Attendance
from courses.permissions import ensure_role_groups
from tests.browser.helpers import signed_in
from tests.conftest import build_course
from tests.factories import UserFactory
from tests.factories.certificates import ProgramVersionFactory
from tests.factories.cohorts import enrol, make_cohort, make_instructor, make_session, midday_zone
from tests.journey.helpers import AxeAudit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}


def no_sideways_scroll(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def live_item(page, base: str) -> str:
    page.goto(f"{base}/certification/")
    return page.locator("li", has_text="Live training").first.inner_text()


def test_the_instructor_takes_attendance_on_a_phone_and_a_trainee_checks_in_with_the_code(
    browser, live_server, course_index, screenshot
):
    ensure_role_groups(course_index=course_index)
    tree = build_course(course_index, modules=1, lessons=1, title="Peer Recovery Foundations")
    instructor = make_instructor(
        course=tree.course, email="phone.instructor@example.org", first_name="Morgan"
    )
    cohort = make_cohort(
        course=tree.course,
        instructors=[instructor],
        title="Evening cohort",
        time_zone=midday_zone(),
    )
    session = make_session(
        cohort=cohort,
        start=timezone.now() - timedelta(minutes=5),
        title="Listening well: OARS in practice",
        hours={"Mentoring/Education": "3"},
    )
    # Half of 4 hours live; the total stays short, so nothing is issued here.
    version = ProgramVersionFactory(min_total_hours=Decimal(4), min_synchronous_percent=50)
    CourseRequirement.objects.create(version=version, course=tree.course)
    trainee = UserFactory(
        email="phone.trainee@example.org", first_name="Jordan", last_name="Rivera"
    )
    enrol(cohort=cohort, trainee=trainee)
    other = UserFactory(email="phone.other@example.org", first_name="Alex", last_name="Moreno")
    enrol(cohort=cohort, trainee=other)
    base = live_server.url
    audit = AxeAudit()

    phone = browser.new_context(viewport=PHONE, locale="en-US", has_touch=True, is_mobile=True)
    phone.set_default_timeout(15_000)
    desk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    desk.set_default_timeout(15_000)
    try:
        page = phone.new_page()
        signed_in(page, base, instructor.email)
        page.goto(f"{base}/")
        page.get_by_role("link", name="Live sessions").click()
        expect(page.get_by_role("heading", name="Cohorts you teach")).to_be_visible()
        audit.check(page, "instructor (phone): live sessions")
        page.get_by_role("link", name="Take attendance").click()
        expect(page.get_by_role("heading", name=f"Roster: {session.title}")).to_be_visible()
        page.get_by_role("button", name="Show a check-in code").click()
        code = page.locator("#the-code").inner_text().strip()
        assert len(code) == 6
        assert no_sideways_scroll(page)
        audit.check(page, "instructor (phone): roster with the code")

        learner = desk.new_page()
        signed_in(learner, base, trainee.email)
        learner.goto(f"{base}/dashboard/")
        assert "(not met yet)" in live_item(learner, base)
        audit.check(learner, "trainee: checklist before")
        learner.goto(f"{base}/dashboard/")
        learner.get_by_role("link", name=session.title).click()
        audit.check(learner, "trainee: session")
        learner.get_by_label("Check-in code").fill(code.lower())
        learner.get_by_role("button", name="Check in").click()
        expect(learner.get_by_text("You are checked in.")).to_be_visible()

        page.reload()
        page.get_by_role("button", name=f"Confirm {trainee.display_name}").click()
        expect(page.get_by_text("Check-in confirmed.")).to_be_visible()
        # The second trainee left after ninety minutes: tap "Left early", type the minutes.
        row = page.locator(f"#trainee-{other.pk}")
        row.get_by_text("Left early", exact=True).tap()
        row.get_by_label("Minutes attended (late or left early)").fill("90")
        page.get_by_role("button", name="Save attendance").click()
        expect(page.get_by_text("Attendance saved.")).to_be_visible()
        expect(page.locator(f"#trainee-{other.pk}")).to_contain_text("Credited: 1.5 h")
        assert no_sideways_scroll(page)
        screenshot(page, "roster-phone.png")
        audit.check(page, "instructor (phone): roster saved")

        assert "(met)" in live_item(learner, base)
        audit.check(learner, "trainee: checklist after")
        learner.goto(f"{base}/sessions/")
        audit.check(learner, "trainee: live sessions")
    finally:
        phone.close()
        desk.close()
    marks = {a.trainee_id: (a.status, a.minutes) for a in Attendance.objects.all()}
    assert marks == {trainee.pk: ("present", 180), other.pk: ("left_early", 90)}
    audit.assert_clean()
