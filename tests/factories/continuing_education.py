from datetime import date
from decimal import Decimal

import factory

from continuing_education.models import (
    CEActivity,
    CEAllocation,
    CECategory,
    CECategoryMinimum,
    CEModeCap,
    CERules,
    DeliveryMode,
    RenewalApplication,
)


def minimal_pdf(*, catalog: bytes = b"", objects: tuple[bytes, ...] = ()) -> bytes:
    """A one-page PDF with a correct cross-reference table, as a PDF writer makes it.
    ``catalog`` adds entries to the document catalog; ``objects`` are numbered from 4 on (the
    catalog, the page tree and the page are 1–3), for a test to refer to."""
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
        *objects,
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(bodies, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(bodies) + 1,
        xref,
    )
    return bytes(out)


# An inert one-page PDF: what the proof checks accept.
PDF_BYTES = minimal_pdf()
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 32


class CECategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CECategory
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"CE category {n}")


class CERulesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CERules

    version = factory.SubFactory(
        "tests.factories.certificates.ProgramVersionFactory", validity_months=24
    )
    cycle_months = 24
    total_hours = Decimal("20")
    daily_cap_hours = Decimal("8")
    daily_cap_mode = DeliveryMode.SELF_STUDY_ONLINE
    window_days = 90
    grace_days = 90
    audit_rate_percent = Decimal("0")
    auto_approve = False


class CECategoryMinimumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CECategoryMinimum

    rules = factory.SubFactory(CERulesFactory)
    category = factory.SubFactory(CECategoryFactory)
    min_hours = Decimal("6")


class CEModeCapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CEModeCap

    rules = factory.SubFactory(CERulesFactory)
    mode = DeliveryMode.SELF_STUDY_OTHER
    max_hours = Decimal("10")


class CEActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CEActivity

    holder = factory.SubFactory("tests.factories.accounts.UserFactory")
    title = factory.Sequence(lambda n: f"CE workshop {n}")
    provider = "Recovery Training Collaborative"
    date = date(2030, 6, 1)
    hours = Decimal("3")
    delivery_mode = DeliveryMode.LIVE_IN_PERSON
    source = CEActivity.Source.EXTERNAL
    status = CEActivity.Status.APPROVED
    proof_content_type = "application/pdf"


class CEAllocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CEAllocation

    activity = factory.SubFactory(CEActivityFactory)
    category = factory.SubFactory(CECategoryFactory)
    hours = Decimal("3")


class RenewalApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RenewalApplication

    certificate = factory.SubFactory("tests.factories.certificates.CertificateFactory")
    holder = factory.LazyAttribute(lambda o: o.certificate.holder)
    cycle_start = factory.LazyAttribute(lambda o: o.certificate.issued_on)
    cycle_end = factory.LazyAttribute(lambda o: o.certificate.expires_on)
