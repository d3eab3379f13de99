"""A cohort is taught in one language: its title and its sessions' titles are written in it, and
every listing, its page, its sessions' pages and the calendar say which language that is. A
Spanish reader finds the Spanish cohort's sessions under their Spanish titles, and an English
cohort marked "taught in English"; the demo has a Spanish cohort with Spanish sessions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from cohorts import services
from cohorts.demo import SPANISH_COHORT, SPANISH_SESSIONS, seed_spanish_cohort, seed_topics
from cohorts.models import Cohort, DeliveryMode, Topic
from courses.models import TrainingDomain
from tests.factories import EnrollmentFactory
from tests.factories.cohorts import enrol, make_cohort, make_session

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogues")]


@pytest.fixture
def spanish_cohort(course, instructor):
    cohort = make_cohort(
        course=course.course,
        instructors=[instructor],
        title="Cohorte de los sábados",
        language="es",
    )
    make_session(
        cohort=cohort,
        start=timezone.now() + timedelta(days=2),
        title="Escuchar bien: OARS en la práctica",
        mode="live_virtual",
    )
    return cohort


@pytest.fixture
def english_cohort(cohort):
    make_session(
        cohort=cohort, start=timezone.now() + timedelta(days=3), title="Listening well: OARS"
    )
    return cohort


@pytest.fixture
def reader(client, trainee, course):
    EnrollmentFactory(trainee=trainee, course=course.course)
    client.force_login(trainee)
    return client


def spanish_url(name: str, *args) -> str:
    with translation.override("es"):
        return reverse(name, args=args)


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_new_cohorts_are_taught_in_english_unless_staff_say_otherwise(cohort):
    assert cohort.language == "en"
    assert Cohort._meta.get_field("language").choices == [("en", "English"), ("es", "Spanish")]


def test_an_english_reader_sees_which_cohort_is_taught_in_spanish(
    reader, english_cohort, spanish_cohort
):
    home = text(reader.get(reverse("cohorts:home")))
    assert "Cohorts you can join" in home
    assert "Taught in Spanish" in home and "Taught in English" in home
    # The Spanish title is marked as Spanish for screen readers.
    spanish_link = reverse("cohorts:cohort", args=[spanish_cohort.pk])
    assert f'<a href="{spanish_link}" lang="es">Cohorte de los sábados</a>' in home
    english_link = reverse("cohorts:cohort", args=[english_cohort.pk])
    assert f'<a href="{english_link}">Evening cohort</a>' in home
    page = text(reader.get(spanish_link))
    assert '<h1 lang="es">Cohorte de los sábados</h1>' in page
    assert "Taught in Spanish" in page
    assert '<span lang="es">Escuchar bien: OARS en la práctica</span>' in page


def test_a_spanish_reader_sees_spanish_session_titles_and_english_cohorts_labelled(
    reader, english_cohort, spanish_cohort
):
    home = text(reader.get(spanish_url("cohorts:home")))
    assert "Se imparte en español" in home
    assert "Se imparte en inglés" in home
    assert "Escuchar bien: OARS en la práctica" in home
    english_link = spanish_url("cohorts:cohort", english_cohort.pk)
    assert english_link.startswith("/es/")
    assert f'href="{english_link}" lang="en">Evening cohort</a>' in home
    # The English cohort's schedule: its English titles, each marked "taught in English".
    page = text(reader.get(english_link))
    assert '<h1 lang="en">Evening cohort</h1>' in page
    assert '<span lang="en">Listening well: OARS</span>' in page
    assert page.count("Se imparte en inglés") >= 2  # the cohort and its session line
    spanish_page = text(reader.get(spanish_url("cohorts:cohort", spanish_cohort.pk)))
    assert "<h1>Cohorte de los sábados</h1>" in spanish_page  # no lang: it is the page's
    assert "Se imparte en español" in spanish_page
    assert "Se imparte en inglés" not in spanish_page


def test_a_session_page_says_the_language_it_is_taught_in(
    client, spanish_cohort, instructor, trainee
):
    enrol(cohort=spanish_cohort, trainee=trainee)
    client.force_login(trainee)
    session = spanish_cohort.sessions.get()
    english = text(client.get(reverse("cohorts:session", args=[session.pk])))
    assert '<h1 lang="es">Escuchar bien: OARS en la práctica</h1>' in english
    assert "Taught in Spanish" in english
    spanish = text(client.get(spanish_url("cohorts:session", session.pk)))
    assert "<h1>Escuchar bien: OARS en la práctica</h1>" in spanish
    assert "Se imparte en español" in spanish


def test_the_calendar_marks_each_title_with_its_language(
    client, spanish_cohort, english_cohort, trainee
):
    enrol(cohort=spanish_cohort, trainee=trainee)
    enrol(cohort=english_cohort, trainee=trainee)
    trainee.preferred_language = "es"
    trainee.save()
    feed = services.calendar_feed_enable(user=trainee)
    response = client.get(reverse("cohorts:feed", args=[services.feed_token(feed)]))
    events = {str(e.get("summary")): e for e in Calendar.from_ical(response.content).walk("VEVENT")}
    course = spanish_cohort.course.title
    spanish = events[f"{course}: Escuchar bien: OARS en la práctica"]
    english = events[f"{course}: Listening well: OARS"]
    assert spanish.get("summary").params["LANGUAGE"] == "es"
    assert english.get("summary").params["LANGUAGE"] == "en"
    # The feed is in its owner's language (a calendar app sends none of its own).
    assert "Se imparte en español" in str(spanish.get("description"))
    assert "Se imparte en inglés" in str(english.get("description"))
    assert "Detalles" in str(spanish.get("description"))


def test_the_demo_has_a_spanish_cohort_with_spanish_sessions_ahead(course, instructor):
    seed_topics()
    for name in ("Advocacy", "Mentoring/Education", "Recovery/Wellness Support"):
        TrainingDomain.objects.get_or_create(name=name, defaults={"framework": "IC&RC"})
    TrainingDomain.objects.get_or_create(
        name="Ethical Responsibility", defaults={"framework": "IC&RC"}
    )
    cohort = seed_spanish_cohort(course=course.course, instructor=instructor)
    assert cohort.title == SPANISH_COHORT and cohort.language == "es"
    assert cohort.enrolment_open
    sessions = list(cohort.sessions.order_by("starts_at"))
    assert [s.title for s in sessions] == [row[1] for row in SPANISH_SESSIONS]
    assert sessions[0].title == "La recuperación, sus caminos y el papel del especialista par"
    assert all(s.starts_at > timezone.now() for s in sessions)
    assert all(s.mode == DeliveryMode.LIVE_VIRTUAL for s in sessions)
    assert {s.local_start().weekday() for s in sessions} == {5}  # Saturdays
    # A second run adds nothing.
    seed_spanish_cohort(course=course.course, instructor=instructor)
    assert cohort.sessions.count() == len(SPANISH_SESSIONS)
    assert Cohort.objects.filter(title=SPANISH_COHORT).count() == 1


def test_the_demos_required_topics_have_spanish_names(client):
    seed_topics()
    with translation.override("es"):
        assert {str(t) for t in Topic.objects.all()} == {
            "Ética",
            "VIH/sida y patógenos transmitidos por la sangre",
        }
    with translation.override("en"):
        assert {str(t) for t in Topic.objects.all()} == {
            "Ethics",
            "HIV/AIDS and bloodborne pathogens",
        }


def test_an_instructor_sets_the_cohorts_language_in_the_admin(client, cohort, instructor):
    client.force_login(instructor)
    edit = reverse("wagtailsnippets_cohorts_cohort:edit", args=[cohort.pk])
    assert 'name="language"' in text(client.get(edit))
    response = client.post(
        edit,
        {
            "course": cohort.course.pk,
            "title": "Cohorte de los sábados",
            "language": "es",
            "summary": "",
            "instructors": [instructor.pk],
            "time_zone": cohort.time_zone,
            "capacity": "12",
            "enrolment_open": "on",
            "credit_step_minutes": "15",
            "checkin_opens_minutes": "15",
            "checkin_code_minutes": "10",
            "late_after_minutes": "10",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    cohort.refresh_from_db()
    assert cohort.language == "es"
    # A language that is not one of the site's is a field error, never a 500.
    response = client.post(
        edit,
        {
            "course": cohort.course.pk,
            "title": cohort.title,
            "language": "fr",
            "instructors": [instructor.pk],
            "time_zone": cohort.time_zone,
            "capacity": "12",
            "credit_step_minutes": "15",
            "checkin_opens_minutes": "15",
            "checkin_code_minutes": "10",
            "late_after_minutes": "10",
        },
    )
    assert response.status_code == 200
    assert "language" in response.context["form"].errors
    cohort.refresh_from_db()
    assert cohort.language == "es"
