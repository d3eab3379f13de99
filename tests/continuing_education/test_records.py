"""External CE records: submission, proof checks, review, immutability, private proofs."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from continuing_education import services
from continuing_education.models import APPROVED_IMMUTABLE, CEActivity
from tests.factories import UserFactory
from tests.factories.continuing_education import JPEG_BYTES, PDF_BYTES, PNG_BYTES

from .conftest import add_ce

pytestmark = pytest.mark.django_db


def submit(
    holder, *, today, allocations=None, proof=PDF_BYTES, proof_type="application/pdf", **overrides
):
    fields = {
        "title": "Ethics in digital peer support",
        "provider": "Recovery Ethics Institute",
        "provider_approval_number": "REI-0457",
        "date": today - timedelta(days=3),
        "hours": Decimal("3"),
        "delivery_mode": "live_online",
    }
    fields.update(overrides)
    return services.ce_activity_submit(
        holder=holder,
        allocations=allocations or {},
        proof_data=proof,
        proof_type=proof_type,
        today=today,
        **fields,
    )


def test_submitted_record_waits_for_review_with_its_allocation_and_a_private_proof(
    holder, ethics, today, settings
):
    activity = submit(holder, today=today, allocations={ethics: Decimal("3")})
    assert activity.status == CEActivity.Status.SUBMITTED
    assert activity.source == CEActivity.Source.EXTERNAL
    assert [(a.category, a.hours) for a in activity.allocations.all()] == [(ethics, Decimal("3"))]
    assert activity.proof.name.startswith("ce-proofs/") and activity.proof.name.endswith(".pdf")
    assert holder.email not in activity.proof.name and "Ethics" not in activity.proof.name
    assert str(settings.MEDIA_ROOT) not in activity.proof.path


@pytest.mark.parametrize(
    ("data", "content_type"),
    [(PDF_BYTES, "application/pdf"), (PNG_BYTES, "image/png"), (JPEG_BYTES, "image/jpeg")],
)
def test_pdf_png_and_jpeg_are_recognised_by_their_magic_bytes(data, content_type):
    upload = SimpleUploadedFile("whatever.bin", data, content_type="text/plain")
    assert services.check_proof(upload) == (data, content_type)


@pytest.mark.parametrize(
    "data",
    [b"GIF89a" + b"\0" * 10, b"MZ\x90\x00 executable", b"<html><script>alert(1)</script>"],
)
def test_other_files_are_refused_whatever_their_name(data):
    upload = SimpleUploadedFile("proof.pdf", data, content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        services.check_proof(upload)
    assert error.value.message_dict["proof"] == [services.PROOF_WRONG_TYPE]


def test_an_empty_file_is_refused_as_empty():
    upload = SimpleUploadedFile("proof.pdf", b"", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        services.check_proof(upload)
    assert error.value.message_dict["proof"] == ["The file is empty."]


def test_proofs_over_5_mb_are_refused():
    upload = SimpleUploadedFile(
        "big.pdf", PDF_BYTES + b"\0" * (5 * 1024 * 1024), content_type="application/pdf"
    )
    with pytest.raises(ValidationError) as error:
        services.check_proof(upload)
    assert error.value.message_dict["proof"] == [services.PROOF_TOO_LARGE]


def test_a_proof_must_match_the_type_it_claims(holder, today):
    with pytest.raises(ValidationError) as error:
        submit(holder, today=today, proof=PNG_BYTES, proof_type="application/pdf")
    assert "proof" in error.value.message_dict


def test_future_dates_and_overallocated_hours_are_refused(holder, ethics, today):
    with pytest.raises(ValidationError) as error:
        submit(
            holder, today=today, date=today + timedelta(days=1), allocations={ethics: Decimal("5")}
        )
    assert error.value.message_dict["date"] == [services.FUTURE_DATE]
    assert error.value.message_dict["__all__"] == [services.ALLOCATION_EXCEEDS_HOURS]
    assert not CEActivity.objects.exists()


def test_reviewer_approves_and_is_recorded(holder, reviewer, today):
    activity = submit(holder, today=today)
    services.ce_activity_review(activity_id=activity.pk, reviewer=reviewer, approve=True)
    activity.refresh_from_db()
    assert (activity.status, activity.reviewer, activity.rejection_reason) == (
        "approved",
        reviewer,
        "",
    )
    assert activity.reviewed_at is not None


def test_approved_records_are_immutable(holder, reviewer, today):
    activity = submit(holder, today=today)
    services.ce_activity_review(activity_id=activity.pk, reviewer=reviewer, approve=True)
    activity.refresh_from_db()
    activity.hours = Decimal("30")
    with pytest.raises(ValidationError, match=APPROVED_IMMUTABLE):
        activity.save()
    with pytest.raises(ValidationError, match=APPROVED_IMMUTABLE):
        activity.delete()
    with pytest.raises(ValidationError):
        services.ce_activity_review(
            activity_id=activity.pk, reviewer=reviewer, approve=False, reason="Changed my mind"
        )
    with pytest.raises(ValidationError):
        services.ce_activity_withdraw(activity_id=activity.pk, holder=holder)
    assert CEActivity.objects.get(pk=activity.pk).hours == Decimal("3")


def test_rejection_needs_a_reason_the_trainee_then_sees(holder, reviewer, today, client):
    activity = submit(holder, today=today)
    with pytest.raises(ValidationError):
        services.ce_activity_review(activity_id=activity.pk, reviewer=reviewer, approve=False)
    services.ce_activity_review(
        activity_id=activity.pk,
        reviewer=reviewer,
        approve=False,
        reason="Staff meetings are not CE.",
    )
    client.force_login(holder)
    page = client.get("/ce/").content.decode()
    assert "Not accepted: Staff meetings are not CE." in page


def test_only_reviewers_review_and_never_their_own_records(holder, reviewer, today):
    activity = submit(holder, today=today)
    with pytest.raises(PermissionDenied):
        services.ce_activity_review(activity_id=activity.pk, reviewer=UserFactory(), approve=True)
    own = submit(reviewer, today=today)
    with pytest.raises(PermissionDenied):
        services.ce_activity_review(activity_id=own.pk, reviewer=reviewer, approve=True)


def test_a_pending_record_can_be_withdrawn_by_its_owner_only(holder, today):
    activity = submit(holder, today=today)
    with pytest.raises(CEActivity.DoesNotExist):
        services.ce_activity_withdraw(activity_id=activity.pk, holder=UserFactory())
    services.ce_activity_withdraw(activity_id=activity.pk, holder=holder)
    assert not CEActivity.objects.exists()


# --- the proof view ---------------------------------------------------------------------------


def test_owner_and_reviewers_can_open_a_proof(holder, reviewer, today, client):
    activity = add_ce(holder, on=today, hours=2, status="submitted")
    for user in (holder, reviewer):
        client.force_login(user)
        response = client.get(f"/ce/records/{activity.pk}/proof/")
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF_BYTES
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "no-store" in response["Cache-Control"]


def test_anyone_else_gets_not_found(holder, today, client):
    activity = add_ce(holder, on=today, hours=2)
    assert client.get(f"/ce/records/{activity.pk}/proof/").status_code == 404
    client.force_login(UserFactory())
    assert client.get(f"/ce/records/{activity.pk}/proof/").status_code == 404


def test_proofs_are_not_served_under_the_public_media_url(holder, today, client):
    activity = add_ce(holder, on=today, hours=2)
    client.force_login(holder)
    assert client.get(f"/media/{activity.proof.name}").status_code == 404


# --- the trainee's form -----------------------------------------------------------------------


def form_data(today, **overrides):
    data = {
        "title": "Cultural humility",
        "provider": "NRTC",
        "provider_approval_number": "",
        "date": (today - timedelta(days=5)).isoformat(),
        "hours": "4",
        "delivery_mode": "live_in_person",
    }
    data.update(overrides)
    return data


def test_the_form_submits_a_record_with_its_proof(holder, ethics, today, client):
    client.force_login(holder)
    data = form_data(today, **{f"category_{ethics.pk}": "2"})
    data["proof"] = SimpleUploadedFile("cert.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.post("/ce/submit/", data)
    assert response.status_code == 302
    activity = CEActivity.objects.get()
    assert (activity.title, activity.hours, activity.status) == (
        "Cultural humility",
        Decimal("4"),
        "submitted",
    )
    assert activity.allocations.get().category == ethics


def test_bad_input_shows_field_errors_and_keeps_everything_including_the_proof(
    holder, ethics, today, client
):
    client.force_login(holder)
    data = form_data(today, hours="", **{f"category_{ethics.pk}": "2"})
    data["proof"] = SimpleUploadedFile("cert.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.post("/ce/submit/", data)
    assert response.status_code == 200
    form = response.context["form"]
    assert "hours" in form.errors and "proof" not in form.errors
    page = response.content.decode()
    assert 'value="Cultural humility"' in page and 'value="NRTC"' in page
    assert "Your proof is attached" in page
    token = form.data["proof_token"]
    assert token
    # Corrected, without choosing the file again.
    fixed = form_data(today, hours="4", proof_token=token, **{f"category_{ethics.pk}": "2"})
    assert client.post("/ce/submit/", fixed).status_code == 302
    assert CEActivity.objects.get().proof.read() == PDF_BYTES


def test_a_stashed_proof_belongs_to_whoever_uploaded_it(holder, today, client):
    token = services.proof_stash(holder=holder, data=PDF_BYTES, content_type="application/pdf")
    client.force_login(UserFactory())
    response = client.post("/ce/submit/", form_data(today, proof_token=token))
    assert response.status_code == 200
    assert response.context["form"].errors["proof"] == [services.PROOF_EXPIRED]


def test_a_wrong_file_type_is_a_field_error(holder, today, client):
    client.force_login(holder)
    data = form_data(today)
    data["proof"] = SimpleUploadedFile("cert.pdf", b"GIF89a....", content_type="application/pdf")
    response = client.post("/ce/submit/", data)
    assert response.context["form"].errors["proof"] == [services.PROOF_WRONG_TYPE]
    assert not CEActivity.objects.exists()


def test_stale_stashed_uploads_are_cleaned_up(holder):
    from datetime import timedelta as td

    from django.utils import timezone

    services.proof_stash(holder=holder, data=PDF_BYTES, content_type="application/pdf")
    assert services.temp_proofs_cleanup(now=timezone.now()) == 0
    assert services.temp_proofs_cleanup(now=timezone.now() + td(days=3)) == 1
