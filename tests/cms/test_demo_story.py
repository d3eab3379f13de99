"""`make demo` tells one story: each certificate's "Issued" entry is its issue date and
everything it rests on (lessons, quizzes, the final exam, the practical evaluation) comes
before it; the retaken quiz of the certified trainee earns no CE; Wagtail's site is where the
demo is served (SITE_URL); and seed_demo says one line per kind, then every login together,
without Wagtail's page-by-page log."""

import logging

import pytest
from django.db.models import Max
from django.utils import timezone
from wagtail.models import Site

from accounts.models import User
from applications.models import ExamResult
from assessments.models import Attempt, AttemptState
from certificates.models import Certificate
from continuing_education.models import CEActivity
from continuing_education.transcript import transcript_for
from courses.models import LessonCompletion
from evaluations.models import Evaluation

pytestmark = pytest.mark.django_db

KINDS = (
    "Curriculum: ",
    "Assessments: ",
    "Practical evaluations: ",
    "Certification: ",
    "Continuing education: ",
    "Live sessions: ",
    "Employers: ",
)


@pytest.fixture
def seeded(seeded_demo):
    """What `seed_demo --force` printed and logged (INFO and up) when it seeded this demo, with
    SITE_URL http://127.0.0.1:8123 (tests/demo_snapshot.py)."""
    return seeded_demo.lines, seeded_demo.records


def test_the_demo_tells_one_story(seeded):
    lines, records = seeded

    # --- quiet: a line per kind, the site, every login together, then the links --------------
    assert [line.split(":")[0] + ": " for line in lines[: len(KINDS)]] == list(KINDS)
    assert lines[len(KINDS)] == "Site: http://127.0.0.1:8123/"
    logins = [i for i, line in enumerate(lines) if line.startswith("Demo login: ")]
    assert logins == list(range(logins[0], logins[0] + len(logins)))  # one block
    assert any(lines[i].startswith("Demo login: renewal@example.org") for i in logins)
    assert lines[logins[-1] + 1].startswith("Demo certificate: http://127.0.0.1:8123/verify/")
    assert not [r for r in records if r.name.startswith("wagtail") and r.levelno < logging.WARNING]

    # --- Wagtail's site is where the demo is served ----------------------------------------
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8123)

    # --- each certificate after what it rests on, its history on its issue date ------------
    for certificate in Certificate.objects.issued().select_related("holder"):
        holder = certificate.holder
        issued = certificate.issued_at
        assert timezone.localdate(issued) == certificate.issued_on
        events = {e.reason: timezone.localdate(e.at) for e in certificate.events.all()}
        assert events["Issued"] == events["Requirements met"] == certificate.issued_on
        passes = Attempt.objects.filter(trainee=holder, state=AttemptState.GRADED, passed=True)
        if not passes.exists():
            # The board's applicants rest on the external exam the vendor's file reported
            # (applications demo), the provisional holder on a stage the rest will complete,
            # the reciprocal holder on another board's credential.
            board_exam = ExamResult.objects.filter(
                eligibility__application__applicant=holder,
                passed=True,
                taken_on__lte=certificate.issued_on,
            )
            transferred = hasattr(certificate, "reciprocity")
            assert certificate.stage == "provisional" or board_exam.exists() or transferred, (
                holder.email
            )
            continue
        assert passes.aggregate(last=Max("submitted_at"))["last"] < issued, holder.email
        last_lesson = LessonCompletion.objects.filter(trainee=holder).aggregate(
            last=Max("completed_at")
        )["last"]
        assert last_lesson < issued, holder.email
        for evaluation in Evaluation.objects.filter(trainee=holder, passed=True):
            assert evaluation.completed_at < issued
        transcript = transcript_for(user=holder)
        assert all(course["completed_on"] <= certificate.issued_on for course in transcript.courses)

    # --- the retaken module quiz after certification earns no CE ---------------------------
    certified = User.objects.get(email="certified@example.org")
    retake = Attempt.objects.filter(trainee=certified).order_by("-started_at").first()
    assert retake.started_at > certified.certificates.get().issued_at  # the practice retake
    assert not CEActivity.objects.filter(source=CEActivity.Source.PLATFORM).exists()
