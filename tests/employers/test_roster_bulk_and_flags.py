"""The roster in bulk and at a glance: a CSV of codes adds every certificate or none (each line
checked, a report of the ones to fix), the roster downloads as a CSV through the neutralising
writer, and each entry is flagged when it expires within 60 days or changed since the
employer's last visit."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from certificates import services as certificate_services
from certificates.models import group_code
from employers.models import RosterEntry
from employers.selectors import roster_entries, roster_summary
from employers.services.roster import (
    ALREADY,
    CODE_MALFORMED,
    CODE_NOT_FOUND,
    IMPORT_TOO_MANY,
    MAX_IMPORT_ROWS,
    REPEAT,
    roster_add,
    roster_import,
)
from tests.factories.certificates import CertificateFactory

pytestmark = pytest.mark.django_db

UNKNOWN = "7K3M9QWZ2HX4ND8RT6VB"  # well formed, issued to nobody


def csv_bytes(*rows) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


def post_import(client, data: bytes):
    return client.post(
        reverse("employers:roster_import"),
        {"file": SimpleUploadedFile("staff.csv", data, content_type="text/csv")},
    )


# --- adding many -------------------------------------------------------------------------------


def test_a_csv_of_codes_adds_each_certificate_with_its_reference(employer_client, employer):
    first, second = CertificateFactory(holder_name="Ana Silva"), CertificateFactory()
    data = csv_bytes(
        ["code", "reference"],
        [group_code(first.code).lower(), "Staff 001"],
        [f" {second.code} ", "Night team"],
    )

    response = post_import(employer_client, data)

    assert response.status_code == 302
    entries = {e.certificate_id: e for e in RosterEntry.objects.filter(employer=employer)}
    assert set(entries) == {first.pk, second.pk}
    assert entries[first.pk].label == "Staff 001"
    assert entries[first.pk].last_notified_status == entries[first.pk].seen_status == "valid"
    page = employer_client.get(response["Location"]).content.decode()
    assert "Added 2 to your roster" in page and "Ana Silva" in page


def test_one_bad_line_adds_nothing_and_the_report_names_every_line(employer_client, employer):
    good = CertificateFactory(holder_name="Ana Silva")
    pending = CertificateFactory(status="pending")
    data = csv_bytes([good.code, "A"], ["NOT-A-CODE"], [UNKNOWN], [pending.code])

    response = post_import(employer_client, data)

    assert response.status_code == 400
    assert not RosterEntry.objects.exists()
    report = response.context["import_report"]
    assert [(line.line, line.outcome) for line in report.lines] == [
        (1, "add"),
        (2, "error"),
        (3, "error"),
        (4, "error"),
    ]
    assert [line.message for line in report.errors] == [
        CODE_MALFORMED,
        CODE_NOT_FOUND,
        CODE_NOT_FOUND,
    ]
    html = response.content.decode()
    assert "Nothing was added: 3 lines need fixing." in html
    assert "OK: Ana Silva" in html


def test_certificates_already_followed_or_repeated_are_left_alone(employer):
    followed, new = CertificateFactory(), CertificateFactory()
    roster_add(employer=employer, code=followed.code, label="kept")

    report = roster_import(
        employer=employer,
        data=f"{followed.code},changed\n{new.code}\n{group_code(new.code)}\n".encode(),
    )

    assert report.ok and report.added == 1
    assert report.count(ALREADY) == 1 and report.count(REPEAT) == 1
    assert RosterEntry.objects.get(certificate=followed).label == "kept"
    assert RosterEntry.objects.filter(employer=employer).count() == 2


def test_pasted_codes_work_like_a_file(employer_client, employer):
    certificate = CertificateFactory()

    response = employer_client.post(
        reverse("employers:roster_import"), {"codes": f"{group_code(certificate.code)}, Staff 7"}
    )

    assert response.status_code == 302
    assert RosterEntry.objects.get(employer=employer).label == "Staff 7"


def test_a_file_over_the_limit_is_refused_whole(employer_client):
    data = "\n".join([UNKNOWN] * (MAX_IMPORT_ROWS + 1)).encode()

    response = post_import(employer_client, data)

    assert response.status_code == 400
    assert (IMPORT_TOO_MANY % {"limit": MAX_IMPORT_ROWS}) in response.content.decode()
    assert not RosterEntry.objects.exists()


def test_checking_a_large_file_takes_a_fixed_number_of_queries(
    employer, django_assert_max_num_queries
):
    codes = [CertificateFactory().code for _ in range(40)]
    with django_assert_max_num_queries(6):
        report = roster_import(employer=employer, data="\n".join(codes).encode())
    assert report.added == 40


def test_only_employers_may_import_or_export(client, django_user_model):
    someone = django_user_model.objects.create_user(email="x@example.org", password="pw-1234567")
    client.force_login(someone)
    assert post_import(client, b"x").status_code == 403
    assert client.get(reverse("employers:roster_export")).status_code == 403


# --- export ------------------------------------------------------------------------------------


def test_the_roster_downloads_as_csv_with_formulas_neutralised(employer_client, employer):
    certificate = CertificateFactory(holder_name="=HYPERLINK(evil)")
    roster_add(employer=employer, code=certificate.code, label="+SUM(A1)")

    response = employer_client.get(reverse("employers:roster_export"))

    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["code", "holder_name", "credential", "status"]
    assert rows[1][0] == group_code(certificate.code)
    assert rows[1][1] == "'=HYPERLINK(evil)"
    assert rows[1][3] == "valid"
    assert "'+SUM(A1)" in rows[1]


# --- flags -------------------------------------------------------------------------------------


def test_a_certificate_expiring_within_sixty_days_is_flagged(employer_client, employer):
    today = timezone.localdate()
    soon = CertificateFactory(expires_on=today + timedelta(days=60))
    later = CertificateFactory(expires_on=today + timedelta(days=61))
    for certificate in (soon, later):
        roster_add(employer=employer, code=certificate.code)

    flags = {e.certificate_id: e.expiring_soon for e in roster_entries(employer=employer)}

    assert flags == {soon.pk: True, later.pk: False}
    html = employer_client.get(reverse("employers:home")).content.decode()
    assert "1 expires within 60 days" in html
    assert f'data-code="{soon.code}" data-expiring="yes"' in html


def test_a_status_change_is_flagged_until_the_employer_has_seen_the_roster(
    employer_client, employer, certificate
):
    roster_add(employer=employer, code=certificate.code)
    assert roster_summary(employer=employer).changed == 0

    certificate_services.certificate_set_status(
        certificate_id=certificate.pk, to_status="suspended", actor=None, reason="Review"
    )

    assert roster_summary(employer=employer).changed == 1
    first = employer_client.get(reverse("employers:home")).content.decode()
    assert "1 changed since your last visit" in first and 'data-changed="yes"' in first
    second = employer_client.get(reverse("employers:home")).content.decode()
    assert 'data-changed="yes"' not in second
    assert roster_summary(employer=employer).changed == 0


def test_a_suspension_lifted_between_visits_still_counts_as_a_change(employer, certificate):
    roster_add(employer=employer, code=certificate.code)
    RosterEntry.objects.update(seen_at=timezone.now() - timedelta(days=1))
    for to_status in ("suspended", "valid"):
        certificate_services.certificate_set_status(
            certificate_id=certificate.pk, to_status=to_status, actor=None, reason="Review"
        )

    assert roster_summary(employer=employer).changed == 1


def test_expiring_past_the_date_counts_as_a_change(employer):
    certificate = CertificateFactory(expires_on=timezone.localdate() + timedelta(days=1))
    roster_add(employer=employer, code=certificate.code)

    later = timezone.localdate() + timedelta(days=2)

    assert roster_summary(employer=employer, today=later).changed == 1


def test_the_summary_is_one_query(employer, django_assert_num_queries):
    for _ in range(5):
        roster_add(employer=employer, code=CertificateFactory().code)
    with django_assert_num_queries(1):
        summary = roster_summary(employer=employer)
    assert (summary.total, summary.expiring_soon, summary.changed) == (5, 0, 0)
