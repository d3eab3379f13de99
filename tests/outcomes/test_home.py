"""A program administrator's home (/dashboard/, cms/homes.py) has a 'Program outcomes' section
that leads to the outcome dashboard; nobody else's home has it."""

import pytest

from cms.homes import sections_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_program_administrator_lands_on_a_section_that_opens_the_dashboard(client, program):
    client.force_login(program.admin)
    html = client.get("/dashboard/").content.decode()
    assert 'id="home-programs"' in html
    assert 'id="home-programs-versions" data-count="1"' in html
    assert 'href="/programs/outcomes/"' in html
    assert client.get("/programs/outcomes/").status_code == 200


def test_the_section_counts_what_the_dashboard_covers_in_two_queries(
    program, django_assert_num_queries
):
    # The person's groups and permissions (cms/homes.py: three), then versions and cohorts.
    with django_assert_num_queries(5):
        [section] = sections_for(program.admin)
    assert section.key == "programs"
    assert {item.key: item.count for item in section.items} == {"versions": 1, "cohorts": 0}


def test_other_people_have_no_outcomes_section(program):
    for user in (UserFactory(), UserFactory(is_superuser=True, is_staff=True)):
        assert "programs" not in {section.key for section in sections_for(user)}
