"""The board-operations demo: a provisional certificate extended once, an endorsement on the
certified trainee's certificate, an expired supervisor credential that blocks a sign-off, one
closed complaint with a public reprimand on a certificate that stays valid, the committee's new
complaint — each reached the way a person would."""

import pytest
from django.urls import reverse

from accounts.models import User
from certificates.models import Certificate

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(seeded_demo):
    """What `seed_demo --force` printed when it seeded this demo (tests/demo_snapshot.py)."""
    return seeded_demo.output


def test_the_board_operations_demo(seeded, client):
    assert "Demo login: ethics@example.org" in seeded
    assert "Demo login: board@example.org" in seeded

    provisional = Certificate.objects.get(holder__email="provisional@example.org")
    assert (provisional.stage, provisional.status, provisional.extensions) == (
        "provisional",
        "valid",
        1,
    )

    certified = Certificate.objects.get(holder__email="certified@example.org", cycle=1)
    assert [e["code"] for e in certified.endorsements_shown] == ["FAM"]
    page = client.get(f"/verify/{certified.code}/").content.decode()
    assert 'data-endorsement="FAM"' in page

    reprimanded = Certificate.objects.filter(holder__email="renewal@example.org").order_by("cycle")[
        0
    ]
    body = client.get(f"/api/v1/verify/{reprimanded.code}").json()
    assert body["status"] == "valid"
    assert [a["type"] for a in body["public_actions"]] == ["reprimand"]
    page = client.get(f"/verify/{reprimanded.code}/").content.decode()
    assert "Pat Lindqvist" not in page and "Spoke with the complainant" not in page

    client.force_login(User.objects.get(email="supervisor2@example.org"))
    queue = client.get(reverse("certificates:supervision_queue")).content.decode()
    assert "not current and approved for this program" in queue

    client.force_login(User.objects.get(email="ethics@example.org"))
    home = client.get(reverse("dashboard")).content.decode()
    assert reverse("discipline:cases") in home
    cases = client.get(reverse("discipline:cases")).content.decode()
    assert cases.count("data-case=") == 2

    # --- reciprocity: a certificate transferred in from another IC&RC member board -----------
    assert "Demo reciprocal certificate: " in seeded
    reciprocal = Certificate.objects.get(holder__email="reciprocal@example.org")
    assert reciprocal.status == "valid"
    assert reciprocal.reciprocity.original_number == "LSPCB-PR-2021-0457"
    page = client.get(f"/verify/{reciprocal.code}/").content.decode()
    assert (
        "Transferred by reciprocity from Lakeshore State Peer Certification Board "
        "(demo IC&amp;RC member board)" in page
    )
    assert "reciprocity packet" not in page  # the evidence stays private

    # --- the board finds the provisional certificate from its home -------------------------
    client.force_login(User.objects.get(email="board@example.org"))
    home = client.get(reverse("dashboard")).content.decode()
    queue_url = reverse("certificates:provisional_queue")
    assert f'href="{queue_url}"' in home
    queue = client.get(queue_url).content.decode()
    assert f'data-certificate="{provisional.pk}"' in queue
    assert "Marisol Vega" in queue
