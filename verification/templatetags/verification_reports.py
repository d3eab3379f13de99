"""{% verified_by certificate certificates %}: on the holder's own certificate card, who asked
for a primary-source verification report about it and when — holders can see who checked them.

The first card of a list loads the reports of every certificate in it (one query for the whole
list, kept on the list's certificates), so a holder with many certificates costs no more."""

from django import template
from django.db.models import F, Window
from django.db.models.functions import RowNumber

from verification.models import VerificationReport

register = template.Library()

SHOWN = 5
_LOADED = "_verified_by_reports"


def _load(certificates) -> None:
    pending = [c for c in certificates if not hasattr(c, _LOADED)]
    if not pending:
        return
    by_certificate: dict[int, list[dict]] = {c.pk: [] for c in pending}
    rows = (
        VerificationReport.objects.filter(certificate_id__in=list(by_certificate))
        .annotate(
            rank=Window(
                RowNumber(), partition_by=[F("certificate_id")], order_by=F("created_at").desc()
            )
        )
        .filter(rank__lte=SHOWN + 1)
        .values("certificate_id", "organisation", "created_at", "rank")
    )
    for row in rows:
        by_certificate[row["certificate_id"]].append(row)
    for certificate in pending:
        reports = sorted(by_certificate[certificate.pk], key=lambda r: r["rank"])
        setattr(certificate, _LOADED, reports)


@register.inclusion_tag("verification/_verified_by.html")
def verified_by(certificate, certificates=None):
    _load(list(certificates) if certificates is not None else [certificate])
    reports = getattr(certificate, _LOADED)
    return {"reports": reports[:SHOWN], "more": len(reports) > SHOWN}
