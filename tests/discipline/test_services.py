"""Cases: only the committee acts; only published sanctions leave a case, after closure, as the
board's policy says; appeals within the window; retention purges the private file."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from certificates.models import Certificate, PublicAction
from discipline import services
from discipline.models import Complaint
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_complaint_submit_validates_before_saving():
    with pytest.raises(ValidationError):
        services.complaint_submit(
            complainant_name="Riley",
            complainant_email="not-an-address",
            respondent_name="Jordan Rivera",
            description="Something happened at the drop-in centre.",
        )
    assert not Complaint.objects.exists()


def test_someone_outside_the_committee_cannot_touch_a_case(case):
    with pytest.raises(PermissionDenied):
        services.note_add(case_id=case.pk, actor=UserFactory(is_superuser=True), text="x")
    assert not case.notes.exists()


def test_closing_publishes_only_the_kinds_the_board_publishes(
    ethics, case, certificate, board_policy
):
    services.case_link_certificate(case_id=case.pk, actor=ethics, code=certificate.code)
    services.sanction_add(
        case_id=case.pk,
        actor=ethics,
        kind="reprimand",
        decided_on=date(2026, 5, 4),
        public_summary="Reprimanded for sharing a peer's story without consent.",
        conditions="Complete 6 hours of ethics training by 1 September.",
    )
    services.sanction_add(
        case_id=case.pk,
        actor=ethics,
        kind="conditions",  # this board does not publish conditions
        decided_on=date(2026, 5, 4),
        ends_on=date(2026, 9, 1),
        public_summary="Practice conditions.",
    )
    # Nothing is public before closure.
    certificate.refresh_from_db()
    assert certificate.public_actions_shown == []

    services.case_close(case_id=case.pk, actor=ethics, note="Closed after the hearing.")

    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID
    assert certificate.public_actions_shown == [
        {
            "type": "reprimand",
            "date": "2026-05-04",
            "ends_on": None,
            "summary": "Reprimanded for sharing a peer's story without consent.",
        }
    ]
    assert PublicAction.objects.count() == 1
    case.refresh_from_db()
    assert case.step == "closed"


def test_a_published_suspension_suspends_the_certificate(ethics, case, certificate, board_policy):
    services.case_link_certificate(case_id=case.pk, actor=ethics, code=certificate.serial)
    services.sanction_add(
        case_id=case.pk,
        actor=ethics,
        kind="suspension",
        decided_on=timezone.localdate(),
        public_summary="Suspended pending completion of a practice review.",
    )
    services.case_close(case_id=case.pk, actor=ethics)
    certificate.refresh_from_db()
    assert certificate.status == "suspended"


def test_a_sanction_set_aside_on_appeal_is_never_published(ethics, case, certificate, board_policy):
    services.case_link_certificate(case_id=case.pk, actor=ethics, code=certificate.code)
    sanction = services.sanction_add(
        case_id=case.pk,
        actor=ethics,
        kind="reprimand",
        decided_on=timezone.localdate(),
        public_summary="Reprimand.",
    )
    services.sanction_withdraw(sanction_id=sanction.pk, actor=ethics)
    services.case_close(case_id=case.pk, actor=ethics)
    assert not PublicAction.objects.exists()


def test_a_public_sanction_needs_a_linked_certificate(ethics, case):
    services.sanction_add(
        case_id=case.pk,
        actor=ethics,
        kind="reprimand",
        decided_on=timezone.localdate(),
        public_summary="Reprimand.",
    )
    with pytest.raises(ValidationError, match="Link the case"):
        services.case_close(case_id=case.pk, actor=ethics)
    case.refresh_from_db()
    assert case.step == "received"


def test_probation_needs_an_end_date_and_nothing_is_saved_without_it(ethics, case):
    with pytest.raises(ValidationError):
        services.sanction_add(
            case_id=case.pk,
            actor=ethics,
            kind="probation",
            decided_on=timezone.localdate(),
            public_summary="Probation.",
        )
    assert not case.sanctions.exists()


def test_an_appeal_after_the_window_is_refused(ethics, case, certificate, board_policy):
    services.case_link_certificate(case_id=case.pk, actor=ethics, code=certificate.code)
    services.case_move(case_id=case.pk, actor=ethics, to_step="investigating")
    decided = date(2026, 1, 10)
    services.case_move(case_id=case.pk, actor=ethics, to_step="decided", today=decided)
    with pytest.raises(ValidationError, match="appeal window closed on 2026-02-09"):
        services.case_move(
            case_id=case.pk, actor=ethics, to_step="appeal", today=decided + timedelta(days=31)
        )
    services.case_move(
        case_id=case.pk, actor=ethics, to_step="appeal", today=decided + timedelta(days=30)
    )


def test_an_unknown_certificate_code_is_a_field_error(ethics, case):
    with pytest.raises(ValidationError) as error:
        services.case_link_certificate(case_id=case.pk, actor=ethics, code="NOPE-NOPE")
    assert "code" in error.value.message_dict


def test_retention_purges_the_private_file_and_keeps_the_public_action(
    ethics, case, certificate, board_policy
):
    services.case_link_certificate(case_id=case.pk, actor=ethics, code=certificate.code)
    services.note_add(case_id=case.pk, actor=ethics, text="Spoke with the complainant.")
    services.sanction_add(
        case_id=case.pk,
        actor=ethics,
        kind="reprimand",
        decided_on=timezone.localdate(),
        public_summary="Reprimand.",
    )
    services.case_close(case_id=case.pk, actor=ethics)
    today = timezone.localdate()
    assert services.purge_due(today=today + timedelta(days=365 * 7 - 10)) == 0
    assert services.purge_due(today=today + timedelta(days=365 * 7 + 5)) == 1
    case.refresh_from_db()
    assert (case.complainant_name, case.description, case.notes.count()) == ("", "", 0)
    certificate.refresh_from_db()
    assert len(certificate.public_actions_shown) == 1
