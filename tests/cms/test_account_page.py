"""The account page (cms/account.py): a trainee fixes the name their certificate will print;
once certified, a new legal name goes to an administrator, whose approval reissues the valid
certificates under it."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from certificates import services
from certificates.models import Certificate, NameChangeRequest
from tests.factories import UserFactory
from tests.factories.certificates import CertificateFactory

pytestmark = pytest.mark.django_db

ACCOUNT = "/accounts/profile/"
NAME_CHANGES = "/admin/certificates/name-changes/"


@pytest.fixture
def holder(client):
    person = UserFactory(first_name="Jordan", last_name="Okafor", email="jordan@example.org")
    certificate = CertificateFactory(holder=person)
    client.force_login(person)
    person.certificate = certificate
    return person


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def test_the_header_links_to_the_account_page(trainee_client):
    html = trainee_client.get("/dashboard/").content.decode()
    assert f'href="{ACCOUNT}"' in html


def test_a_trainee_without_a_certificate_corrects_their_name_at_once(trainee_client, trainee):
    response = trainee_client.post(ACCOUNT, {"first_name": " Alexis ", "last_name": "Moreno-Díaz"})
    assert response.status_code == 302
    trainee.refresh_from_db()
    assert (trainee.first_name, trainee.last_name) == ("Alexis", "Moreno-Díaz")
    assert "Your name is saved." in trainee_client.get(ACCOUNT).content.decode()
    assert not NameChangeRequest.objects.exists()


def test_a_blank_or_unchanged_name_is_refused_with_a_message(trainee_client, trainee):
    response = trainee_client.post(ACCOUNT, {"first_name": "", "last_name": trainee.last_name})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    response = trainee_client.post(
        ACCOUNT, {"first_name": trainee.first_name, "last_name": trainee.last_name}
    )
    assert "This is already the name on your account." in response.content.decode()
    trainee.refresh_from_db()
    assert trainee.first_name


def test_a_certified_holders_new_name_waits_for_review(client, holder):
    page = client.get(ACCOUNT).content.decode()
    assert "checked by an administrator first" in page
    assert "Send for review" in page

    client.post(ACCOUNT, {"first_name": "Jordan", "last_name": "Okafor-Reyes"})
    client.post(ACCOUNT, {"first_name": "Jordan", "last_name": "Reyes"})

    holder.refresh_from_db()
    assert holder.last_name == "Okafor"  # unchanged until approved
    [change] = NameChangeRequest.objects.all()  # the second replaced the first
    assert change.full_name == "Jordan Reyes" and change.status == "pending"
    page = client.get(ACCOUNT).content.decode()
    assert "“Jordan Reyes”" in page and "is waiting for review" in page
    assert Certificate.objects.get(pk=holder.certificate.pk).holder_name == "Jordan Okafor"


def test_approval_renames_the_account_and_reissues_the_valid_certificate(
    client, holder, django_capture_on_commit_callbacks
):
    suspended = CertificateFactory(holder=holder, status=Certificate.Status.SUSPENDED)
    change = services.account_name_change(user=holder, first_name="Jordan", last_name="Reyes")
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert "Jordan Okafor" in client.get(NAME_CHANGES).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(NAME_CHANGES, {"request_id": change.pk, "decision": "approve"})

    assert response.status_code == 302
    approval = [m for m in mail.outbox if m.subject == "Your name change request was reviewed"]
    assert len(approval) == 1 and "“Jordan Reyes” was approved" in approval[0].body
    assert "Reyes" not in approval[0].subject
    holder.refresh_from_db()
    assert holder.get_full_name() == "Jordan Reyes"
    reissued = Certificate.objects.get(supersedes=holder.certificate)
    assert reissued.holder_name == "Jordan Reyes"
    assert reissued.expires_on == holder.certificate.expires_on  # same period, not extended
    # A suspended certificate is not quietly replaced by a valid one under the new name.
    assert not Certificate.objects.filter(supersedes=suspended).exists()
    change.refresh_from_db()
    assert change.status == "approved" and change.decided_by == admin


def test_a_decline_needs_a_reason_and_the_holder_sees_it(
    client, holder, django_capture_on_commit_callbacks
):
    change = services.account_name_change(user=holder, first_name="J.", last_name="O.")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    response = client.post(NAME_CHANGES, {"request_id": change.pk, "decision": "decline"})
    assert "Say why the change is declined" in response.content.decode()
    change.refresh_from_db()
    assert change.status == "pending"

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            NAME_CHANGES,
            {
                "request_id": change.pk,
                "decision": "decline",
                "reason": "Initials only: please give your full legal name.",
            },
        )
    [message] = mail.outbox
    assert message.to == ["jordan@example.org"]
    assert message.subject == "Your name change request was reviewed"
    assert "Initials only: please give your full legal name." in message.body
    client.force_login(holder)
    page = client.get(ACCOUNT).content.decode()
    assert "was not approved" in page
    assert "Initials only: please give your full legal name." in page
    holder.refresh_from_db()
    assert holder.get_full_name() == "Jordan Okafor"


def test_a_decided_request_cannot_be_decided_again(holder):
    change = services.account_name_change(user=holder, first_name="Jordan", last_name="Reyes")
    admin = UserFactory(is_superuser=True, is_staff=True)
    services.name_change_decide(request_id=change.pk, actor=admin, approve=False, reason="No")
    with pytest.raises(Exception, match="already decided"):
        services.name_change_decide(request_id=change.pk, actor=admin, approve=True)


@pytest.mark.parametrize("who", ["trainee", "instructor", "reviewer"])
def test_only_certificate_managers_see_name_changes(client, holder, who):
    services.account_name_change(user=holder, first_name="Jordan", last_name="Reyes")
    person = UserFactory()
    if who != "trainee":
        group, _ = Group.objects.get_or_create(name=f"{who.title()}s")
        person.groups.add(group)
        person.is_staff = True
        person.save()
    client.force_login(person)
    response = client.get(NAME_CHANGES)
    assert response.status_code in (302, 403)
    assert "Jordan Reyes" not in response.content.decode()


def test_junk_decisions_get_a_message_not_a_500(admin_client):
    for data in (
        {},
        {"request_id": "x", "decision": "approve"},
        {"request_id": 999999, "decision": "approve"},
        {"request_id": 1, "decision": "maybe"},
    ):
        response = admin_client.post(NAME_CHANGES, data)
        assert response.status_code in (200, 302)


def test_the_account_page_costs_the_same_few_queries_however_many_certificates(
    client, holder, django_assert_max_num_queries
):
    for _ in range(5):
        CertificateFactory(holder=holder, status=Certificate.Status.SUPERSEDED)
    with django_assert_max_num_queries(10):
        page = client.get(ACCOUNT).content.decode()
    assert page.count("Peer Recovery Specialist (") == 6
