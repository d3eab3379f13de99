"""The demo employer already follows both demo certificates and holds a link the certified
trainee shared with them; a second seeding adds nothing."""

import re

import pytest
from django.test import Client

from cms.demo import seed_all
from employers.models import RosterEntry, ShareLink

pytestmark = pytest.mark.django_db


def test_demo_employer_roster_and_share_link(seeded_demo, django_capture_on_commit_callbacks):
    from accounts.models import User
    from certificates.keys import clear_issuer_keys_cache

    lines = seeded_demo.lines
    try:
        employer = User.objects.get(email="employer@example.org")
        assert sorted(
            RosterEntry.objects.filter(employer=employer).values_list(
                "certificate__holder__email", flat=True
            )
        ) == ["certified@example.org", "renewal@example.org"]
        # Their issuance after the seed commits is not news to the employer.
        from employers.models import RosterNotification
        from employers.services.roster import notify_roster_changes

        assert {
            entry.certificate.status for entry in RosterEntry.objects.select_related("certificate")
        } == {"valid"}
        notify_roster_changes()
        assert not RosterNotification.objects.exists()

        [line] = [line for line in lines if line.startswith("Demo share link")]
        path = re.search(r"https?://[^/]+(/shared/[^/]+/)", line).group(1)
        client = Client()
        client.force_login(employer)
        page = client.get(path).content.decode()
        assert "Sam Okafor" in page and "transcript.pdf" in page
        assert client.get(path + "transcript.pdf").status_code == 200

        with django_capture_on_commit_callbacks(execute=True):
            again = seed_all(password=seeded_demo.password)
        assert not [line for line in again if line.startswith("Demo share link")]
        assert RosterEntry.objects.filter(employer=employer).count() == 2
        assert ShareLink.objects.count() == 1
    finally:
        clear_issuer_keys_cache()
