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
    rules = Rules(attestations=[(1, "Code of ethics", "ethics"),
                                (2, "Lived experience of recovery", "lived")])
    checklist = evaluate(rules, Facts(attested_sha256s=frozenset({"ethics"})))
    assert keys(checklist) == {"attestation:1": True, "attestation:2": False}
    assert [item.label for item in checklist.unmet] == ["Lived experience of recovery"]
    assert evaluate(rules, Facts(attested_sha256s=frozenset({"ethics", "lived"}))).met


def test_percent_never_exceeds_100():
    checklist = evaluate(Rules(practice_hours=D("10")), Facts(signed_practice_hours=D("900")))
    assert checklist.items[0].percent == 100
