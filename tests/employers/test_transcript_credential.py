"""The transcript as a verifiable credential (1EdTech CLR 2.0 ClrCredential): behind a share link
that shares the transcript, and as the trainee's own download with the parts they tick. Signed
by the issuer like a badge, every bundled credential signed too, status-checked, never the
e-mail address."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates import services
from certificates.models import Certificate
from cohorts.models import Attendance
from credentials.issuer import issuer_keys as current_issuer_keys
from credentials.issuer import trusted_keys
from credentials.proofs import verify_credential
from employers.services.share_links import share_link_create
from tests.credentials import independent
from tests.credentials.test_schemas import _validator, achievement_credential_errors
from tests.employers.test_share_links_transcript import add_ce, make_holder

pytestmark = pytest.mark.django_db

BIG = 10**6  # a transcript bundles several credentials; the single-badge limit does not apply


@pytest.fixture(autouse=True)
def _no_lockout_bookkeeping_for_force_login(settings):
    settings.AXES_ENABLED = False


@pytest.fixture
def holder(course_tree, issuer_keys):
    holder = make_holder(course_tree=course_tree)
    add_ce(holder, on=holder.today - timedelta(days=5), hours=3, category=holder.ethics)
    return holder


def _shared(client, holder, **options):
    _link, token = share_link_create(holder=holder, include_transcript=True, **options)
    return client.get(reverse("employers:shared_transcript_credential", args=[token]))


def _verify(credential: dict) -> tuple[bool, str]:
    return verify_credential(credential, trusted_keys(current_issuer_keys()), max_bytes=BIG)


def test_a_shared_transcript_is_a_signed_clr_credential(client, holder):
    response = _shared(client, holder)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc"
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"
    assert holder.email not in response.content.decode()
    clr = json.loads(response.content)
    assert clr["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert clr["type"] == ["VerifiableCredential", "ClrCredential"]
    assert clr["issuer"]["id"].startswith("did:web:")
    assert clr["credentialStatus"]["statusPurpose"] == "message"
    subject = clr["credentialSubject"]
    assert subject["type"] == ["ClrSubject"]
    assert subject["id"].startswith("urn:uuid:")
    assert _verify(clr) == (True, "")
    # Certificate (as issued), the course, and the CE cycle, each a signed credential.
    kinds = sorted(
        c["credentialSubject"]["achievement"]["achievementType"]
        for c in subject["verifiableCredential"]
    )
    assert kinds == ["Certification", "Course", "ext:ContinuingEducation"]
    for nested in subject["verifiableCredential"]:
        assert _verify(nested) == (True, ""), nested["name"]
        assert achievement_credential_errors(nested) == [], nested["name"]
    cycle = next(
        c
        for c in subject["verifiableCredential"]
        if c["credentialSubject"]["achievement"]["achievementType"] == "ext:ContinuingEducation"
    )
    assert cycle["credentialSubject"]["result"][0]["value"] == "3"
    assert {a["id"] for a in subject["achievement"]} == {
        c["credentialSubject"]["achievement"]["id"] for c in subject["verifiableCredential"]
    }


def test_a_changed_claim_in_the_transcript_fails(client, holder, settings):
    clr = json.loads(_shared(client, holder).content)
    clr["credentialSubject"]["verifiableCredential"][-1]["credentialSubject"]["result"][0][
        "value"
    ] = "300"
    assert _verify(clr)[0] is False
    keys = {
        method: independent.public_key_from_multikey(m["publicKeyMultibase"])
        for m in client.get("/.well-known/did.json").json()["verificationMethod"]
        for method in [m["id"]]
    }
    assert not independent.verify(clr, keys)


def test_the_same_content_is_the_same_signed_credential(client, holder):
    _link, token = share_link_create(holder=holder, include_transcript=True)
    url = reverse("employers:shared_transcript_credential", args=[token])
    assert client.get(url).content == client.get(url).content


def test_a_link_that_does_not_share_the_transcript_has_no_credential(client, holder):
    _link, token = share_link_create(holder=holder)
    assert (
        client.get(reverse("employers:shared_transcript_credential", args=[token])).status_code
        == 404
    )


@pytest.mark.parametrize(("to_status", "value"), [("suspended", 1), ("revoked", 2)])
def test_the_transcript_status_follows_its_certificates(client, holder, settings, to_status, value):
    clr = json.loads(_shared(client, holder).content)
    entry = clr["credentialStatus"]
    certificate = Certificate.objects.get(holder=holder)
    services.certificate_set_status(
        certificate_id=certificate.pk, to_status=to_status, actor=None, reason="Board decision"
    )
    status_list = json.loads(
        client.get(entry["statusListCredential"].removeprefix(settings.SITE_URL)).content
    )
    assert independent.status_value(status_list, int(entry["statusListIndex"]), 2) == value
    assert independent.status_bit(status_list, int(entry["statusListIndex"])) == 1


def test_the_trainee_downloads_the_parts_they_tick(client, holder):
    client.force_login(holder)
    page = client.get(reverse("employers:share")).content.decode()
    assert 'id="transcript-credential"' in page
    certificate = Certificate.objects.get(holder=holder)
    response = client.get(
        reverse("employers:my_transcript_credential"),
        {"part": "ce", "certificate": str(certificate.pk)},
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    clr = json.loads(response.content)
    kinds = sorted(
        c["credentialSubject"]["achievement"]["achievementType"]
        for c in clr["credentialSubject"]["verifiableCredential"]
    )
    assert kinds == ["Certification", "ext:ContinuingEducation"]  # no course: not ticked
    assert holder.email not in response.content.decode()
    assert _verify(clr) == (True, "")


def test_ticking_nothing_sends_the_trainee_back(client, holder):
    client.force_login(holder)
    response = client.get(reverse("employers:my_transcript_credential"))
    assert response.status_code == 302 and response["Location"] == reverse("employers:share")


def test_the_download_needs_a_sign_in(client, holder):
    response = client.get(reverse("employers:my_transcript_credential"), {"part": "ce"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_live_hours_and_observed_skills_travel_in_the_transcript_credential(client, holder):
    """Transcripts carry how training was delivered (#19): hours attended in the room per course,
    and each practical skills evaluation passed, each a signed credential of its own."""
    from evaluations import services as evaluation_services
    from tests.factories.cohorts import make_cohort, make_instructor, make_session
    from tests.factories.evaluations import (
        levels_for,
        make_evaluator,
        make_instrument,
        scheduled_evaluation,
    )

    course = holder.enrollments.get().course
    instructor = make_instructor(course=course)
    cohort = make_cohort(course=course, instructors=[instructor])
    past = timezone.now() - timedelta(days=3)
    for start in (past, past + timedelta(days=1)):
        session = make_session(cohort=cohort, start=start, minutes=180)
        Attendance.objects.create(
            session=session,
            trainee=holder,
            status=Attendance.Status.PRESENT,
            minutes=180,
            joined=Attendance.Joined.IN_PERSON,
            marked_by=instructor,
            marked_at=session.ends_at,
        )
    instrument = make_instrument(course=course, skill="Warm hand-off to 988")
    evaluator = make_evaluator(course=course)
    evaluation = scheduled_evaluation(trainee=holder, instrument=instrument, evaluator=evaluator)
    evaluation_services.rating_submit(
        rater=evaluator,
        evaluation_id=evaluation.pk,
        levels=levels_for(instrument, 3, 3),
        comment="Clear, warm and safe.",
    )

    clr = json.loads(_shared(client, holder).content)
    nested = clr["credentialSubject"]["verifiableCredential"]
    by_type = {}
    for credential in nested:
        achievement = credential["credentialSubject"]["achievement"]
        by_type.setdefault(achievement["achievementType"], []).append(credential)
        assert _verify(credential) == (True, ""), credential["name"]
        assert achievement_credential_errors(credential) == [], credential["name"]
    [skill] = by_type["Assessment"]
    assert skill["name"] == "Practical skills evaluation: Warm hand-off to 988"
    assert skill["credentialSubject"]["result"] == [{"type": ["Result"], "status": "Completed"}]
    [live] = [
        c
        for c in by_type["Course"]
        if "instructor-led" in c["credentialSubject"]["achievement"]["name"]
    ]
    assert live["credentialSubject"]["achievement"]["name"].endswith("in the room")
    assert [r["value"] for r in live["credentialSubject"]["result"]] == ["6"]
    assert _verify(clr) == (True, "")

    # The same parts on the transcript page the holder shares.
    client.force_login(holder)
    page = client.get(reverse("continuing_education:transcript"))
    text = page.content.decode()
    assert "Practical skills evaluations passed" in text and "Warm hand-off to 988" in text


def clr_credential_errors(credential: dict) -> list[str]:
    """Errors against 1EdTech's CLR 2.0 ClrCredential schema (credentials/schemas/, see its
    README). Unlike the Open Badges schema it accepts a single proof object, so nothing is
    exempted."""
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in _validator("clr_v2p0_clrcredential_schema.json").iter_errors(credential)
    ]


def test_the_shared_transcript_is_valid_against_1edtechs_clr_schema(client, holder):
    clr = json.loads(_shared(client, holder).content)
    assert isinstance(clr["proof"], dict)  # the one proof object, as signed
    assert clr_credential_errors(clr) == []


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda c: c.pop("credentialSubject"), ""),
        (lambda c: c.__setitem__("type", ["VerifiableCredential"]), "type"),
        (lambda c: c.__setitem__("credentialStatus", [c["credentialStatus"]]), "credentialStatus"),
        (lambda c: c["credentialSubject"].pop("verifiableCredential"), "credentialSubject"),
        (lambda c: c.__setitem__("@context", c["@context"][:1] + c["@context"][2:]), "@context"),
    ],
    ids=["no-subject", "not-a-clr", "status-array", "no-bundled-credentials", "no-clr-context"],
)
def test_the_clr_schema_check_has_teeth(client, holder, change, path):
    clr = json.loads(_shared(client, holder).content)
    change(clr)
    errors = clr_credential_errors(clr)
    assert any(error.split(": ", 1)[0] == path for error in errors), errors
