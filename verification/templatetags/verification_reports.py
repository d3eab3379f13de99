"""{% verified_by certificate %}: on the holder's own certificate card, who asked for a
primary-source verification report about it and when — holders can see who checked them."""

from django import template

from verification.models import VerificationReport

register = template.Library()

SHOWN = 5


@register.inclusion_tag("verification/_verified_by.html")
def verified_by(certificate):
    reports = list(
        VerificationReport.objects.filter(certificate=certificate)
        .order_by("-created_at")
        .values("organisation", "created_at")[: SHOWN + 1]
    )
    return {"reports": reports[:SHOWN], "more": len(reports) > SHOWN}
