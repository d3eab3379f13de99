"""Supervised hours: logged without client details, signed by the named supervisor only."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from certificates import services
from certificates.models import SupervisionEntry
from tests.factories import TrainingDomainFactory, UserFactory
from tests.factories.certificates import SupervisionEntryFactory

pytestmark = pytest.mark.django_db


def test_log_form_has_no_free_text_field_and_warns_about_client_details(trainee_client, supervisor):
    html = trainee_client.get(reverse("certificates:supervision")).content.decode()
    assert "<textarea" not in html
    form = html.split('<form method="post" novalidate>')[1].split("</form>")[0]
    assert 'type="text"' not in form
    assert "Never write anything about the people you support" in html


def test_trainee_logs_an_entry_for_a_supervisor(trainee_client, trainee, supervisor):
    domain = TrainingDomainFactory(name="Advocacy")
    response = trainee_client.post(
        reverse("certificates:supervision"),
        {
            "kind": "practice",
            "date": "2026-01-10",
            "duration_hours": "4",
            "domain": domain.pk,
            "format": "individual",
            "supervisor": supervisor.pk,
        },
    )
    assert response.status_code == 302
    entry = SupervisionEntry.objects.get(trainee=trainee)
    assert entry.status == "pending" and entry.supervisor == supervisor


def test_bad_input_shows_field_errors_and_saves_nothing(trainee_client, supervisor):
    response = trainee_client.post(
        reverse("certificates:supervision"),
        {
            "kind": "practice",
            "date": "2099-01-01",
            "duration_minutes": "2",
            "format": "individual",
            "supervisor": supervisor.pk,
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "The date cannot be in the future." in html
    assert "at least 5 minutes and at most 16 hours" in html
    assert "errorlist" in html
    assert not SupervisionEntry.objects.exists()


def test_only_people_with_the_supervisor_role_can_be_named(trainee_client, trainee):
    not_a_supervisor = UserFactory()
    domain = TrainingDomainFactory(name="Advocacy")
    response = trainee_client.post(
        reverse("certificates:supervision"),
        {
            "kind": "practice",
            "date": "2026-01-10",
            "duration_hours": "1",
            "domain": domain.pk,
            "format": "group",
            "supervisor": not_a_supervisor.pk,
        },
    )
    assert response.status_code == 200
    assert not SupervisionEntry.objects.exists()


def test_supervisor_signs_off_in_their_queue(client, supervisor):
    entry = SupervisionEntryFactory(supervisor=supervisor)
    client.force_login(supervisor)
    assert (
        entry.trainee.get_full_name()
        in client.get(reverse("certificates:supervision_queue")).content.decode()
    )
    client.post(reverse("certificates:supervision_review", args=[entry.pk]), {"decision": "sign"})
    entry.refresh_from_db()
    assert entry.status == "signed" and entry.reviewed_at is not None


def test_another_supervisor_cannot_sign(supervisor):
    entry = SupervisionEntryFactory(supervisor=supervisor)
    other = UserFactory()
    with pytest.raises(PermissionDenied):
        services.supervision_entry_review(entry_id=entry.pk, supervisor=other, approve=True)


def test_returning_an_entry_needs_a_reason_the_trainee_sees(client, supervisor):
    entry = SupervisionEntryFactory(supervisor=supervisor)
    with pytest.raises(ValidationError):
        services.supervision_entry_review(entry_id=entry.pk, supervisor=supervisor, approve=False)
    services.supervision_entry_review(
        entry_id=entry.pk,
        supervisor=supervisor,
        approve=False,
        reason="Date is outside your placement",
    )
    client.force_login(entry.trainee)
    html = client.get(reverse("certificates:supervision")).content.decode()
    assert "Date is outside your placement" in html


def test_signed_entries_are_immutable(trainee_client, trainee, supervisor):
    entry = SupervisionEntryFactory(trainee=trainee, supervisor=supervisor, status="signed")
    with pytest.raises(ValidationError):
        services.supervision_entry_review(
            entry_id=entry.pk, supervisor=supervisor, approve=False, reason="changed my mind"
        )
    trainee_client.post(reverse("certificates:supervision_delete", args=[entry.pk]))
    assert SupervisionEntry.objects.filter(pk=entry.pk, status="signed").exists()


def test_a_trainee_cannot_delete_someone_elses_entry(trainee_client, supervisor):
    entry = SupervisionEntryFactory(supervisor=supervisor)
    response = trainee_client.post(reverse("certificates:supervision_delete", args=[entry.pk]))
    assert response.status_code == 404
    assert SupervisionEntry.objects.filter(pk=entry.pk).exists()


def test_queue_is_refused_to_people_who_are_not_supervisors(trainee_client):
    assert trainee_client.get(reverse("certificates:supervision_queue")).status_code == 403


# --- hours and minutes, and a log in pages ------------------------------------------------------


@pytest.mark.parametrize(
    ("hours", "minutes", "stored"),
    [("2", "30", 150), ("2.5", "", 150), ("", "45", 45), ("1.25", "", 75), ("0.5", "15", 45)],
)
def test_time_is_entered_in_hours_and_minutes_or_decimal_hours(
    trainee_client, trainee, supervisor, hours, minutes, stored
):
    domain = TrainingDomainFactory(name="Advocacy")
    response = trainee_client.post(
        reverse("certificates:supervision"),
        {
            "kind": "practice",
            "date": "2026-01-10",
            "duration_hours": hours,
            "duration_minutes": minutes,
            "domain": domain.pk,
            "format": "individual",
            "supervisor": supervisor.pk,
        },
    )

    assert response.status_code == 302
    assert SupervisionEntry.objects.get(trainee=trainee).minutes == stored


@pytest.mark.parametrize(("hours", "minutes"), [("", ""), ("17", ""), ("16", "30"), ("", "75")])
def test_a_duration_outside_five_minutes_to_sixteen_hours_is_refused(
    trainee_client, supervisor, hours, minutes
):
    domain = TrainingDomainFactory(name="Advocacy")
    response = trainee_client.post(
        reverse("certificates:supervision"),
        {
            "kind": "practice",
            "date": "2026-01-10",
            "duration_hours": hours,
            "duration_minutes": minutes,
            "domain": domain.pk,
            "format": "individual",
            "supervisor": supervisor.pk,
        },
    )

    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not SupervisionEntry.objects.exists()


def test_the_log_shows_durations_as_hours_and_minutes(trainee_client, trainee):
    SupervisionEntryFactory(trainee=trainee, minutes=150)

    html = trainee_client.get(reverse("certificates:supervision")).content.decode()

    assert "2 h 30 min" in html


def test_the_log_is_paged_newest_first(trainee_client, trainee, supervisor):
    for days in range(30):
        SupervisionEntryFactory(
            trainee=trainee,
            supervisor=supervisor,
            date=date(2026, 1, 1) + timedelta(days=days),
        )

    first = trainee_client.get(reverse("certificates:supervision"))
    second = trainee_client.get(reverse("certificates:supervision") + "?page=2")

    assert [e.date.day for e in first.context["entries"]][:2] == [30, 29]
    assert len(first.context["entries"]) == 25 and len(second.context["entries"]) == 5
    assert 'href="?page=2"' in first.content.decode()
    assert "Page 2 of 2" in second.content.decode()
