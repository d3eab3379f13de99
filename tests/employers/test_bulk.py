"""Bulk verification: a CSV of up to 500 codes in, live statuses out, as a page or a CSV."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from certificates.models import Certificate, group_code
from employers.services.bulk import CSV_EMPTY, parse_codes_csv
from tests.factories.certificates import CertificateFactory

pytestmark = pytest.mark.django_db
URL = reverse("employers:bulk")


def csv_file(text: str, name="codes.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def read_csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def test_a_csv_with_a_code_column_gives_live_results_in_order(employer_client, certificate):
    revoked = CertificateFactory(status=Certificate.Status.REVOKED)
    text = (
        "name,code\n"
        f"Jordan,{group_code(certificate.code)}\n"
        "Nobody,ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ\n"
        f"Sam,{revoked.code.lower()}\n"
    )

    response = employer_client.post(URL, {"file": csv_file(text), "format": "html"})

    assert response.status_code == 200
    statuses = [r["status"] for r in response.context["results"]]
    assert statuses == ["valid", "not_found", "revoked"]
    assert "Results: 2 of 3 codes found" in response.content.decode()


def test_the_results_download_as_csv(employer_client, certificate, settings):
    response = employer_client.post(
        URL, {"file": csv_file(f"{certificate.code}\nNOPE\n"), "format": "csv"}
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    assert list(rows[0]) == [
        "code",
        "status",
        "holder_name",
        "credential",
        "issued_on",
        "expires_on",
    ]
    assert rows[0] == {
        "code": certificate.code,
        "status": "valid",
        "holder_name": "Jordan Rivera",
        "credential": "Peer Recovery Specialist",
        "issued_on": "2026-01-15",
        "expires_on": "2028-01-15",
    }
    assert rows[1]["status"] == "not_found" and rows[1]["holder_name"] == ""


def test_the_download_button_on_the_results_resubmits_the_codes(employer_client, certificate):
    response = employer_client.post(URL, {"codes": f"{certificate.code}\n", "format": "csv"})
    assert read_csv(response)[0]["status"] == "valid"


def test_more_than_500_codes_are_refused(employer_client):
    text = "\n".join(f"CODE{i:016d}" for i in range(501))
    response = employer_client.post(URL, {"file": csv_file(text)})
    assert response.status_code == 400
    assert "more than 500 codes" in response.content.decode()


def test_500_codes_are_checked_in_a_fixed_number_of_queries(
    employer_client, django_assert_max_num_queries
):
    text = "\n".join(f"CODE{i:016d}" for i in range(500))
    with django_assert_max_num_queries(6):
        response = employer_client.post(URL, {"file": csv_file(text), "format": "csv"})
    assert len(read_csv(response)) == 500


def test_an_empty_or_binary_file_gets_a_clear_error(employer_client):
    empty = employer_client.post(URL, {"file": csv_file("\n\n")})
    binary = employer_client.post(URL, {"file": SimpleUploadedFile("x.csv", b"\x00\xff\x00")})
    assert CSV_EMPTY in empty.content.decode()
    assert binary.status_code == 400


def test_spreadsheet_formulas_are_neutralised_in_the_download(employer_client):
    holder_name = '=HYPERLINK("http://evil.example","click")'
    certificate = CertificateFactory(holder_name=holder_name)
    response = employer_client.post(URL, {"codes": certificate.code, "format": "csv"})
    assert read_csv(response)[0]["holder_name"] == "'" + holder_name


def test_parsing_accepts_semicolons_bom_and_a_header():
    data = "\ufeffCode;Name\nAAAA-BBBB;X\n;\nCCCC;Y\n".encode()
    assert parse_codes_csv(data) == ["AAAA-BBBB", "CCCC"]
