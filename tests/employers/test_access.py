"""Getting the employer tools: a signed-in person asks for their organisation, an administrator
approves (they join the Employers group) or declines with a reason; either way they are told
once by e-mail. Nobody grants themselves the tools."""

import pytest
from django.core import mail
from django.urls import reverse

from employers.models import EmployerAccessRequest
from employers.selectors import is_employer
from employers.services.access import employer_access_decide
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ACCESS = "/employer/access/"
ADMIN = "/admin/employers/access/"


@pytest.fixture
def asker(client):
    person = UserFactory(email="hr@harbourhouse.example")
    client.force_login(person)
    return person


def ask(client, organisation="Harbour House Recovery Services"):
    return client.post(ACCESS, {"organisation": organisation, "confirm": "on"}, follow=True)


def test_the_verification_page_points_to_the_employer_tools(client):
    assert f'href="{ACCESS}"' in client.get("/verify/").content.decode()


def test_asking_records_a_request_and_grants_nothing(client, asker):
    page = ask(client).content.decode()
    assert "Your request was sent" in page
    assert "is waiting for review" in page
    [access] = EmployerAccessRequest.objects.all()
    assert access.organisation == "Harbour House Recovery Services"
    asker = type(asker).objects.get(pk=asker.pk)
    assert not is_employer(asker)
    assert client.get(reverse("employers:home")).status_code == 403


def test_the_form_needs_an_organisation_and_the_promise(client, asker):
    response = client.post(ACCESS, {"organisation": ""})
    assert response.status_code == 200
    assert response.content.decode().count("errorlist") >= 2
    assert not EmployerAccessRequest.objects.exists()


def test_asking_again_replaces_the_waiting_request(client, asker):
    ask(client, "Harbour House")
    ask(client, "Harbour House Recovery Services")
    assert [a.organisation for a in EmployerAccessRequest.objects.all()] == [
        "Harbour House Recovery Services"
    ]


def test_approval_grants_the_tools_and_says_so_once(
    client, asker, django_capture_on_commit_callbacks
):
    ask(client)
    access = EmployerAccessRequest.objects.get()
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert "Harbour House Recovery Services" in client.get(ADMIN).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ADMIN, {"request_id": access.pk, "decision": "approve"})

    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["hr@harbourhouse.example"]
    assert "Harbour House" not in message.subject
    assert "/employer/" in message.body
    client.force_login(asker)
    home = client.get(reverse("employers:home"))
    assert home.status_code == 200
    assert "For Harbour House Recovery Services." in home.content.decode()
    assert client.get(ACCESS).status_code == 302  # nothing left to ask for


def test_a_decline_needs_a_reason_and_the_person_sees_it(
    client, asker, django_capture_on_commit_callbacks
):
    ask(client)
    access = EmployerAccessRequest.objects.get()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.post(ADMIN, {"request_id": access.pk, "decision": "decline"})
    assert "Say why access is declined" in response.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            ADMIN,
            {
                "request_id": access.pk,
                "decision": "decline",
                "reason": "Please ask from your organisation's own address.",
            },
        )

    [message] = mail.outbox
    assert "Please ask from your organisation's own address." in message.body
    client.force_login(asker)
    page = client.get(ACCESS).content.decode()
    assert "was not approved" in page and "own address" in page
    assert client.get(reverse("employers:home")).status_code == 403


def test_a_decided_request_stays_decided(asker):
    access = EmployerAccessRequest.objects.create(user=asker, organisation="X")
    admin = UserFactory(is_superuser=True)
    employer_access_decide(request_id=access.pk, actor=admin, approve=False, reason="No")
    with pytest.raises(Exception, match="already decided"):
        employer_access_decide(request_id=access.pk, actor=admin, approve=True)
    assert not is_employer(type(asker).objects.get(pk=asker.pk))


@pytest.mark.parametrize("staff_role", [None, "Instructors", "Reviewers"])
def test_only_user_managers_decide(client, asker, staff_role):
    from django.contrib.auth.models import Group

    EmployerAccessRequest.objects.create(user=asker, organisation="Harbour House")
    person = UserFactory(is_staff=staff_role is not None)
    if staff_role:
        person.groups.add(Group.objects.get_or_create(name=staff_role)[0])
    client.force_login(person)
    response = client.get(ADMIN)
    assert response.status_code in (302, 403)
    assert "Harbour House" not in response.content.decode()


def test_junk_decisions_get_a_message_not_a_500(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    for data in (
        {},
        {"request_id": "x"},
        {"request_id": 999999, "decision": "approve"},
        {"request_id": 1, "decision": "maybe"},
    ):
        assert client.post(ADMIN, data).status_code in (200, 302)


def test_visitors_sign_in_first(client):
    response = client.get(ACCESS)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_daily_run_resends_a_decision_whose_mail_was_lost(
    asker, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from cms.daily import run_daily

    access = EmployerAccessRequest.objects.create(user=asker, organisation="Harbour House")
    # (no on-commit callbacks run: as if Redis was down when the e-mail was enqueued)
    employer_access_decide(request_id=access.pk, actor=UserFactory(is_superuser=True), approve=True)
    EmployerAccessRequest.objects.filter(pk=access.pk).update(
        decided_at=timezone.now() - timedelta(hours=1)
    )

    with django_capture_on_commit_callbacks(execute=True):
        run_daily()
    with django_capture_on_commit_callbacks(execute=True):
        run_daily()

    assert [m.to for m in mail.outbox] == [["hr@harbourhouse.example"]]
