"""A share link can carry the trainee's transcript — completed modules, the assessment results
they chose, CE by cycle and category — as part of the shared page and as a PDF and a CSV behind
the same token. Revoked, expired or transcript-less links answer 404 for the files (like an
unknown token), and the page then shows only the record."""

import csv
import io
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from assessments.models import Attempt, AttemptState
from courses.models import LessonCompletion
from employers.models import ShareLink
from employers.selectors import shared_transcript
from employers.services.share_links import share_link_create, share_link_revoke
from tests.factories import AssessmentPageFactory, EnrollmentFactory, UserFactory
from tests.factories.certificates import CertificateFactory
from tests.factories.continuing_education import (
    CEActivityFactory,
    CEAllocationFactory,
    CECategoryFactory,
    CECategoryMinimumFactory,
    CERulesFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_lockout_bookkeeping_for_force_login(settings):
    """force_login has no client address, which django-axes records as 'unknown' (refused by
    PostgreSQL's inet column); lockout has its own tests."""
    settings.AXES_ENABLED = False


def add_ce(holder, *, on, hours, category=None, title=None, status="approved"):
    kwargs = {"title": title} if title else {}
    activity = CEActivityFactory(
        holder=holder, date=on, hours=Decimal(str(hours)), status=status, **kwargs
    )
    if category is not None:
        CEAllocationFactory(activity=activity, category=category, hours=Decimal(str(hours)))
    return activity


def make_holder(
    *, first="Jordan", last="Rivera", email="jordan.rivera@example.org", course_tree=None
):
    """A holder mid-way through a 20 h / 24-month CE cycle with 6 h of ethics required."""
    holder = UserFactory(first_name=first, last_name=last, email=email)
    ethics = CECategoryFactory(name="Ethics")
    rules = CERulesFactory()
    CECategoryMinimumFactory(rules=rules, category=ethics, min_hours=Decimal("6"))
    today = timezone.localdate()
    CertificateFactory(
        holder=holder,
        version=rules.version,
        issued_on=today - timedelta(days=200),
        expires_on=today - timedelta(days=200) + timedelta(days=730),
    )
    holder.ethics = ethics
    holder.today = today
    if course_tree is not None:
        EnrollmentFactory(trainee=holder, course=course_tree.course)
        for lesson in course_tree.lessons[0]:
            LessonCompletion.objects.create(trainee=holder, lesson=lesson)
    return holder


@pytest.fixture
def holder(course_tree):
    holder = make_holder(course_tree=course_tree)
    add_ce(
        holder,
        on=holder.today - timedelta(days=5),
        hours=3,
        category=holder.ethics,
        title="Boundaries and dual relationships",
    )
    add_ce(
        holder, on=holder.today - timedelta(days=4), hours=2, status="rejected", title="Team huddle"
    )
    crisis = AssessmentPageFactory(parent=course_tree.modules[1], title="Crisis quiz")
    ethics_quiz = AssessmentPageFactory(parent=course_tree.modules[1], title="Ethics quiz")
    for quiz, percent in ((crisis, "85"), (ethics_quiz, "62")):
        Attempt.objects.create(
            trainee=holder,
            assessment=quiz,
            number=1,
            state=AttemptState.GRADED,
            percent=Decimal(percent),
            passed=percent == "85",
        )
    holder.crisis_quiz, holder.ethics_quiz = crisis, ethics_quiz
    holder.module_title = course_tree.modules[0].title
    return holder


def page_url(token):
    return reverse("employers:shared", args=[token])


def pdf_url(token):
    return reverse("employers:shared_transcript_pdf", args=[token])


def csv_url(token):
    return reverse("employers:shared_transcript_csv", args=[token])


def without_csrf(response) -> str:
    """The page with its per-response CSRF token (the sign-out form) blanked."""
    return re.sub(r'value="[^"]{32,}"', 'value=""', response.content.decode())


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


# --- choosing what a link shares -----------------------------------------------------------------


def test_the_trainee_chooses_the_transcript_and_which_results_it_shows(client, holder):
    client.force_login(holder)
    form = client.get(reverse("employers:share")).content.decode()
    assert 'name="include_transcript"' in form
    assert "Crisis quiz" in form and "Ethics quiz" in form  # the transcript's own choices

    response = client.post(
        reverse("employers:share"),
        {
            "label": "Clinic",
            "employer_email": "",
            "expires": "30",
            "include_transcript": "on",
            "transcript_assessments": [str(holder.crisis_quiz.pk)],
        },
        follow=True,
    )

    assert response.status_code == 200 and response.context["new_url"]
    link = ShareLink.objects.get(holder=holder)
    assert link.include_transcript is True
    assert link.transcript_assessments == [holder.crisis_quiz.pk]
    assert "record and transcript, with 1 assessment result" in response.content.decode()


def test_a_link_shares_no_transcript_unless_ticked(client, holder):
    client.force_login(holder)
    client.post(reverse("employers:share"), {"label": "", "employer_email": "", "expires": "7"})
    link = ShareLink.objects.get(holder=holder)
    assert link.include_transcript is False and link.transcript_assessments == []


def test_results_without_the_transcript_or_of_someone_else_are_refused(client, holder):
    client.force_login(holder)
    response = client.post(
        reverse("employers:share"),
        {"expires": "7", "transcript_assessments": [str(holder.crisis_quiz.pk)]},
    )
    assert response.status_code == 400
    assert not ShareLink.objects.exists()

    stranger = UserFactory()
    with pytest.raises(ValidationError):
        share_link_create(
            holder=stranger, include_transcript=True, transcript_assessments=[holder.crisis_quiz.pk]
        )
    assert not ShareLink.objects.exists()


# --- what the employer sees ----------------------------------------------------------------------


def test_the_employer_sees_the_transcript_on_the_shared_page(client, employer, holder):
    _link, token = share_link_create(
        holder=holder, include_transcript=True, transcript_assessments=[holder.crisis_quiz.pk]
    )
    client.force_login(employer)

    response = client.get(page_url(token))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="shared-transcript"' in html
    assert "Boundaries and dual relationships" in html and "Team huddle" not in html
    assert "Total: 3 / 20 h" in html and "Ethics 3 h" in html
    assert holder.module_title in html
    assert "Crisis quiz" in html and "85% passed" in html
    assert "Ethics quiz" not in html and "62%" not in html  # not chosen for this link
    assert pdf_url(token) in html and csv_url(token) in html
    assert holder.email not in html
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]


def test_the_pdf_is_a_real_pdf_without_the_name_in_its_metadata(client, employer, holder):
    link, token = share_link_create(holder=holder, include_transcript=True)
    client.force_login(employer)

    response = client.get(pdf_url(token))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    assert response["X-Content-Type-Options"] == "nosniff"
    from pyhanko.pdf_utils.reader import PdfFileReader

    info = PdfFileReader(io.BytesIO(response.content)).trailer["/Info"]
    assert info["/Title"] == "PeerCert transcript"
    assert holder.last_name not in str(info) and holder.email not in str(info)
    link.refresh_from_db()
    assert link.transcript_downloads == 1 and link.view_count == 0
    assert link.last_viewed_at is not None


def test_the_csv_has_the_ce_rows_and_only_the_chosen_results(client, employer, holder):
    _link, token = share_link_create(
        holder=holder, include_transcript=True, transcript_assessments=[holder.ethics_quiz.pk]
    )
    client.force_login(employer)

    response = client.get(csv_url(token))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    rows = csv_rows(response)
    ce = [row for row in rows if row[0] == "ce"]
    assert [(row[4], row[8], row[9]) for row in ce] == [
        ("Boundaries and dual relationships", "3", "Ethics 3")
    ]
    assert [row[4] for row in rows if row[0] == "assessment"] == ["Ethics quiz"]
    assert holder.email not in response.content.decode()


def test_a_holder_without_a_name_is_never_shown_by_e_mail(client, employer, course_tree):
    holder = make_holder(first="", last="", email="no.name@example.org", course_tree=course_tree)
    link, token = share_link_create(holder=holder, include_transcript=True)
    client.force_login(employer)

    html = client.get(page_url(token)).content.decode()

    assert holder.email not in html
    assert shared_transcript(link).holder_name == "(name not given)"


# --- when the transcript is not there ------------------------------------------------------------


def test_a_link_without_the_transcript_shows_only_the_record(client, employer, holder):
    _link, token = share_link_create(holder=holder)
    client.force_login(employer)

    html = client.get(page_url(token)).content.decode()

    assert 'id="shared-transcript"' not in html
    assert "Boundaries and dual relationships" not in html and "85%" not in html
    assert pdf_url(token) not in html
    assert client.get(pdf_url(token)).status_code == 404
    assert client.get(csv_url(token)).status_code == 404


def test_a_revoked_link_answers_404_for_the_transcript_like_an_unknown_token(
    client, employer, holder
):
    link, token = share_link_create(holder=holder, include_transcript=True)
    client.force_login(employer)
    assert client.get(csv_url(token)).status_code == 200
    share_link_revoke(holder=holder, link_id=link.pk)

    page = client.get(page_url(token))
    revoked_pdf = client.get(pdf_url(token))
    revoked_csv = client.get(csv_url(token))
    unknown = client.get(csv_url("x" * 32))

    assert page.status_code == 410
    assert "Boundaries and dual relationships" not in page.content.decode()
    assert holder.last_name not in page.content.decode()
    assert revoked_pdf.status_code == revoked_csv.status_code == unknown.status_code == 404
    # The same page but for the address asked (which the language switcher links back to).
    assert without_csrf(revoked_csv).replace(token, "T") == without_csrf(unknown).replace(
        "x" * 32, "T"
    )
    link.refresh_from_db()
    assert link.transcript_downloads == 1  # refused requests are not counted


def test_an_expired_link_answers_404_for_the_transcript(client, employer, holder):
    link, token = share_link_create(
        holder=holder, include_transcript=True, expires_at=timezone.now() + timedelta(days=1)
    )
    ShareLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    client.force_login(employer)

    assert client.get(page_url(token)).status_code == 410
    assert client.get(pdf_url(token)).status_code == 404
    assert client.get(csv_url(token)).status_code == 404


# --- whose data a token reaches ------------------------------------------------------------------


def test_a_restricted_link_opens_the_transcript_for_its_employer_only(
    client, employer, other_employer, holder
):
    _link, token = share_link_create(
        holder=holder, include_transcript=True, employer_email=employer.email
    )

    anonymous = client.get(csv_url(token))
    client.force_login(other_employer)
    other = [client.get(url) for url in (pdf_url(token), csv_url(token))]
    other_page = client.get(page_url(token))
    client.force_login(holder)  # not even the holder: the link is for that employer
    own = client.get(csv_url(token))
    client.force_login(employer)
    allowed = client.get(csv_url(token))

    assert anonymous.status_code == 302 and reverse("login") in anonymous["Location"]
    assert [r.status_code for r in other] == [404, 404] and other_page.status_code == 404
    assert own.status_code == 404
    assert allowed.status_code == 200


def test_a_token_reaches_only_its_own_holders_transcript(client, employer, holder, course_tree):
    other = make_holder(first="Casey", last="Nakamura", email="casey@example.org")
    add_ce(
        other,
        on=other.today - timedelta(days=3),
        hours=4,
        category=other.ethics,
        title="Nakamura-only workshop",
    )
    _mine, my_token = share_link_create(holder=holder, include_transcript=True)
    _theirs, their_token = share_link_create(holder=other)  # shares no transcript
    client.force_login(employer)

    mine_csv = client.get(csv_url(my_token)).content.decode()
    mine_page = client.get(page_url(my_token)).content.decode()
    theirs = client.get(csv_url(their_token))

    assert "Boundaries and dual relationships" in mine_csv
    assert "Nakamura" not in mine_csv and "Nakamura" not in mine_page
    assert theirs.status_code == 404  # their link does not share a transcript


# --- cost ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("records", [3, 30])
def test_the_shared_page_runs_a_fixed_number_of_queries(
    client, employer, holder, records, django_assert_max_num_queries
):
    for n in range(records):
        add_ce(
            holder,
            on=holder.today - timedelta(days=10 + n),
            hours=1,
            category=holder.ethics,
            title=f"Recorded workshop {n}",
        )
    _link, token = share_link_create(
        holder=holder, include_transcript=True, transcript_assessments=[holder.crisis_quiz.pk]
    )
    client.force_login(employer)
    client.get(page_url(token))  # warm per-process caches (site, content types)

    with django_assert_max_num_queries(QUERY_BOUND):
        response = client.get(page_url(token))

    assert response.status_code == 200
    assert f"Recorded workshop {records - 1}" in response.content.decode()


# 30 measured (SQLite), the same with 3 and 30 CE records: the transcript prefetches CE
# allocations and CE rules, so the count depends on courses and certificates, never on records.
QUERY_BOUND = 32
