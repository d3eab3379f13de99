"""/complaints/: the public form (errors, nothing half-saved, contact never shown back) and the
committee's cases (every role refused but the committee's, superusers included); a published
reprimand on the verification page and in the API."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from discipline import services
from discipline.models import Complaint
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GOOD = {
    "complainant_name": "Riley Complainant",
    "complainant_email": "riley@example.org",
    "complainant_phone": "",
    "respondent_name": "Jordan Rivera",
    "respondent_code": "",
    "description": "At the drop-in centre on 3 May the peer shared my story with the group.",
}


def test_a_member_of_the_public_files_a_complaint(client):
    form = client.get(reverse("discipline:new"))
    assert form.status_code == 200
    response = client.post(reverse("discipline:new"), GOOD)
    assert response.status_code == 302
    assert response["Location"] == reverse("discipline:received")
    complaint = Complaint.objects.get()
    assert complaint.step == "received"
    thanks = client.get(response["Location"]).content.decode()
    assert "riley@example.org" not in thanks and "drop-in" not in thanks


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("complainant_email", "not-an-address", "Enter a valid email address."),
        ("description", "Too short.", "Tell us what happened in a few sentences."),
        ("respondent_name", "", "This field is required."),
    ],
)
def test_bad_input_is_a_clear_error_and_nothing_is_saved(client, field, value, message):
    response = client.post(reverse("discipline:new"), {**GOOD, field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Complaint.objects.exists()


def test_a_bot_filling_the_hidden_field_gets_the_same_answer_and_nothing_is_kept(client):
    response = client.post(reverse("discipline:new"), {**GOOD, "website": "http://spam"})
    assert response.status_code == 302
    assert not Complaint.objects.exists()


def test_the_form_is_rate_limited(client, settings):
    settings.RATELIMIT_ENABLE = True
    settings.RATELIMIT_COMPLAINTS = "2/h"
    for _ in range(2):
        client.post(reverse("discipline:new"), GOOD)
    response = client.post(reverse("discipline:new"), GOOD)
    assert response.status_code == 429
    assert Complaint.objects.count() == 2


def _user(kind: str):
    if kind == "superuser":
        return UserFactory(is_superuser=True, is_staff=True)
    if kind == "staff":
        return UserFactory(is_staff=True)
    if kind in ("reviewer", "board"):
        name = roles.REVIEWERS if kind == "reviewer" else roles.BOARD_REVIEWERS
        group, _ = Group.objects.get_or_create(name=name)
        return UserFactory(groups=[group])
    return UserFactory()


@pytest.mark.parametrize(
    "kind", ["anonymous", "trainee", "staff", "reviewer", "board", "superuser"]
)
def test_cases_and_notes_are_for_the_ethics_committee_only(client, case, ethics, kind):
    services.note_add(case_id=case.pk, actor=ethics, text="CONFIDENTIAL-NOTE-TEXT")
    if kind != "anonymous":
        client.force_login(_user(kind))
    for url in (reverse("discipline:cases"), reverse("discipline:case", args=[case.pk])):
        get = client.get(url)
        assert get.status_code in (302, 403), (kind, url)
        assert "CONFIDENTIAL-NOTE-TEXT" not in get.content.decode()
        if kind == "anonymous":
            assert reverse("login") in get["Location"]
    post = client.post(
        reverse("discipline:case", args=[case.pk]), {"action": "note", "note-text": "sneaky"}
    )
    assert post.status_code in (302, 403)
    assert case.notes.count() == 1


def test_the_committee_reads_the_case_and_adds_a_note(client, case, ethics):
    client.force_login(ethics)
    listing = client.get(reverse("discipline:cases")).content.decode()
    assert f'data-case="{case.pk}"' in listing
    response = client.post(
        reverse("discipline:case", args=[case.pk]),
        {"action": "note", "note-text": "Called the complainant."},
    )
    assert response.status_code == 302
    page = client.get(reverse("discipline:case", args=[case.pk])).content.decode()
    assert "Called the complainant." in page
    assert "riley@example.org" in page


def test_a_sanction_form_error_saves_nothing(client, case, ethics):
    client.force_login(ethics)
    response = client.post(
        reverse("discipline:case", args=[case.pk]),
        {
            "action": "sanction",
            "sanction-kind": "probation",
            "sanction-decided_on": "2026-05-04",
            "sanction-public_summary": "Probation.",
        },
    )
    assert response.status_code == 400
    assert "Probation needs the day it ends." in response.content.decode()
    assert not case.sanctions.exists()


def test_a_closed_case_with_a_public_reprimand_shows_on_the_verification_page_and_api(
    client, case, ethics, certificate, board_policy
):
    services.case_link_certificate(case_id=case.pk, actor=ethics, code=certificate.code)
    services.note_add(case_id=case.pk, actor=ethics, text="CONFIDENTIAL-NOTE-TEXT")
    services.sanction_add(
        case_id=case.pk,
        actor=ethics,
        kind="reprimand",
        decided_on=timezone.localdate(),
        public_summary="Public reprimand for a breach of confidentiality.",
        conditions="PRIVATE-CONDITIONS",
    )
    services.case_close(case_id=case.pk, actor=ethics)

    page = client.get(f"/verify/{certificate.code}/").content.decode()
    assert 'data-status="valid"' in page
    assert 'data-public-action="reprimand"' in page
    assert "Public reprimand for a breach of confidentiality." in page
    for secret in ("CONFIDENTIAL-NOTE-TEXT", "PRIVATE-CONDITIONS", "riley", "Riley", "drop-in"):
        assert secret not in page
    body = client.get(f"/api/v1/verify/{certificate.code}").json()
    assert body["status"] == "valid"
    assert body["public_actions"] == [
        {
            "type": "reprimand",
            "date": timezone.localdate().isoformat(),
            "ends_on": None,
            "ended_on": None,
            "summary": "Public reprimand for a breach of confidentiality.",
        }
    ]


def test_the_committee_reaches_its_cases_from_its_home(client, case, ethics):
    client.force_login(ethics)
    home = client.get(reverse("dashboard")).content.decode()
    assert "Ethics committee" in home
    assert reverse("discipline:cases") in home


def test_a_superuser_home_has_no_ethics_section(client, case):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    home = client.get(reverse("dashboard")).content.decode()
    assert reverse("discipline:cases") not in home
