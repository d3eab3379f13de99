"""Requirement evaluation, rule by rule, on plain data."""

from decimal import Decimal

from certificates.requirements import Facts, Rules, evaluate

D = Decimal


def keys(checklist):
    return {item.key: item.met for item in checklist.items}


def test_no_rules_means_met():
    assert evaluate(Rules(), Facts()).met


def test_required_course_must_be_completed():
    rules = Rules(required_courses=[(7, "Foundations")])
    assert not evaluate(rules, Facts()).met
    assert evaluate(rules, Facts(completed_course_ids=frozenset({7}))).met


def test_total_hours_and_progress():
    checklist = evaluate(Rules(min_total_hours=D("46")), Facts(training_hours_total=D("23")))
    item = checklist.items[0]
    assert not item.met and item.percent == 50
    assert evaluate(Rules(min_total_hours=D("46")), Facts(training_hours_total=D("46"))).met


def test_each_domain_minimum_is_its_own_item():
    rules = Rules(min_hours_by_domain={"Advocacy": D("10"), "Ethical Responsibility": D("16")})
    facts = Facts(training_hours_by_domain={"Advocacy": D("11"), "Ethical Responsibility": D("15")})
    result = keys(evaluate(rules, facts))
    assert result == {"hours:Advocacy": True, "hours:Ethical Responsibility": False}


def test_hours_in_another_domain_do_not_count():
    rules = Rules(min_hours_by_domain={"Advocacy": D("10")})
    facts = Facts(training_hours_by_domain={"Mentoring/Education": D("40")})
    assert not evaluate(rules, facts).met


def test_practice_and_supervision_hours_are_separate():
    rules = Rules(practice_hours=D("500"), supervision_hours=D("25"))
    facts = Facts(signed_practice_hours=D("520"), signed_supervision_hours=D("24.5"))
    assert keys(evaluate(rules, facts)) == {"practice": True, "supervision": False}


def test_attestation_must_match_the_current_text():
    rules = Rules(attestations=[(1, "Code of ethics", "new")])
    assert not evaluate(rules, Facts(attested_sha256s=frozenset({"old"}))).met
    assert evaluate(rules, Facts(attested_sha256s=frozenset({"old", "new"}))).met


def test_every_attestation_is_a_requirement_of_its_own():
    rules = Rules(
        attestations=[(1, "Code of ethics", "ethics"), (2, "Lived experience of recovery", "lived")]
    )
    checklist = evaluate(rules, Facts(attested_sha256s=frozenset({"ethics"})))
    assert keys(checklist) == {"attestation:1": True, "attestation:2": False}
    assert [item.label for item in checklist.unmet] == ["Lived experience of recovery"]
    assert evaluate(rules, Facts(attested_sha256s=frozenset({"ethics", "lived"}))).met


def test_percent_never_exceeds_100():
    checklist = evaluate(Rules(practice_hours=D("10")), Facts(signed_practice_hours=D("900")))
    assert checklist.items[0].percent == 100


# --- the look-back window for training, on plain data ------------------------------------------


def credit(on, hours, **domains):
    from certificates.requirements import ModuleCredit

    return ModuleCredit(
        completed_on=on,
        contact_hours=D(hours),
        hours_by_domain={k: D(v) for k, v in domains.items()},
    )


def test_without_a_window_all_completed_training_counts():
    from datetime import date

    from certificates.requirements import training_hours

    by_domain, total = training_hours(
        [credit(date(2010, 1, 1), 10, Ethics=10), credit(date(2026, 1, 1), 6, Ethics=6)],
        today=date(2026, 11, 24),
    )
    assert (by_domain, total) == ({"Ethics": D(16)}, D(16))


def test_training_older_than_the_window_does_not_count():
    from datetime import date

    from certificates.requirements import training_hours

    today = date(2026, 11, 24)
    by_domain, total = training_hours(
        [
            credit(date(2021, 11, 24), 10, Ethics=10),  # exactly 60 months ago: still counts
            credit(date(2021, 11, 23), 8, Advocacy=8),  # a day older: does not
            credit(date(2026, 3, 1), 6, Ethics=2, Advocacy=4),
        ],
        today=today,
        window_months=60,
    )
    assert total == D(16)
    assert by_domain == {"Ethics": D(12), "Advocacy": D(4)}


def test_the_checklist_says_when_training_must_be_recent():
    rules = Rules(
        min_total_hours=D(40), min_hours_by_domain={"Ethics": D(8)}, training_window_months=60
    )
    labels = [item.label for item in evaluate(rules, Facts()).items]
    assert labels == [
        "Training hours in total (completed in the last 60 months)",
        "Training hours: Ethics (completed in the last 60 months)",
    ]


def test_a_wider_window_never_counts_fewer_hours():
    from datetime import date, timedelta

    from hypothesis import given
    from hypothesis import strategies as st

    from certificates.requirements import training_hours

    today = date(2026, 11, 24)
    credits_strategy = st.lists(
        st.builds(
            lambda days, hours: credit(today - timedelta(days=days), hours, Ethics=hours),
            st.integers(min_value=0, max_value=4000),
            st.integers(min_value=0, max_value=40),
        ),
        max_size=12,
    )

    @given(
        credits_strategy,
        st.integers(min_value=1, max_value=120),
        st.integers(min_value=0, max_value=120),
    )
    def check(credits, narrow, extra):
        _by, narrow_total = training_hours(credits, today=today, window_months=narrow)
        _by, wide_total = training_hours(credits, today=today, window_months=narrow + extra)
        _by, unlimited = training_hours(credits, today=today)
        assert narrow_total <= wide_total <= unlimited == sum(c.contact_hours for c in credits)

    check()
