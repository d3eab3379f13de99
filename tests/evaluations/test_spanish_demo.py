"""The demo's five practical-evaluation instruments in Spanish: every text a trainee or an
evaluator reads has its Spanish (docs/glossary-es.md's terms), the seeded demo reads in Spanish
under /es/ — certified@'s results and trainee@'s waiting request included — and a demo seeded
before the instruments had Spanish gets it on the next seed, as a new published revision."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from evaluations import rules
from evaluations.demo import PROGRAM_INSTRUMENT, TEXT_FIELDS, load_instruments, seed_evaluations
from evaluations.models import ANCHOR_FIELDS, Criterion, Evaluation, Instrument, Score

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogues")]

SPANISH_FIELDS = [f"{field}_es" for field in TEXT_FIELDS]


def spanish_url(name: str, *args) -> str:
    with translation.override("es"):
        return reverse(name, args=args)


def test_every_text_of_every_demo_instrument_is_in_spanish():
    for item in load_instruments():
        for field in TEXT_FIELDS:
            spanish = item[f"{field}_es"]
            assert spanish.strip() and spanish != item[field], (item["key"], field)
        assert "Nada de esto se refiere a una persona real." in item["actor_brief_es"]
        assert item["evaluator_brief_es"].startswith("Escenario ficticio")
        for criterion in item["criteria"]:
            assert criterion["title_es"].strip() and criterion["title_es"] != criterion["title"]
            assert len(set(criterion["anchors_es"])) == len(rules.LEVELS)
            assert not set(criterion["anchors_es"]) & set(criterion["anchors"])
        text = " ".join(
            [item[f] for f in SPANISH_FIELDS]
            + [c["title_es"] for c in item["criteria"]]
            + [a for c in item["criteria"] for a in c["anchors_es"]]
        )
        # The glossary's words: a trainee is a «participante», never an «aprendiz».
        assert "aprendiz" not in text.lower()
    by_key = {item["key"]: item for item in load_instruments()}
    crisis = by_key["crisis-warm-handoff-988"]
    assert crisis["skill_es"] == "Crisis: derivación acompañada al 988"
    assert "Nunca haga una llamada real al 988 ni al 911" in crisis["evaluator_brief_es"]
    assert "Línea de Crisis para Veteranos" in crisis["criteria"][3]["anchors_es"][3]
    assert (
        "oprima el 1" in crisis["remediation_es"]
        and "el 2 para español" in (crisis["remediation_es"])
    )
    # The Stanley-Brown steps, in order, as the Spanish course names them.
    met = by_key["safety-plan-stanley-brown"]["criteria"][0]["anchors_es"][2]
    steps = [
        "señales de alerta",
        "estrategias internas de afrontamiento",
        "personas y lugares para distraerse",
        "personas a quienes pedir ayuda",
        "profesionales y agencias",
        "hacer más seguro el entorno",
    ]
    assert all(step in met for step in steps)
    assert [met.find(step) for step in steps] == sorted(met.find(step) for step in steps)
    assert "OARS" in by_key[PROGRAM_INSTRUMENT]["skill_es"]


def test_the_seeded_demo_reads_in_spanish_under_es(seeded_demo, client):
    data = {item["key"]: item for item in load_instruments()}
    for instrument in Instrument.objects.filter(live=True):
        pinned = instrument.live_revision.as_object()
        assert pinned.skill_es == data[instrument.key]["skill_es"]
        assert [c.title_es for c in pinned.criteria.all()] == [
            c["title_es"] for c in data[instrument.key]["criteria"]
        ]
    oars = data[PROGRAM_INSTRUMENT]
    certified = User.objects.get(email="certified@example.org")
    failed = Evaluation.objects.get(trainee=certified, passed=False)
    client.force_login(certified)

    text = client.get(spanish_url("evaluations:detail", failed.pk)).content.decode()

    assert oars["skill_es"] in text
    # The critical criterion they missed, its Spanish words for the level given, what to practise.
    reflective = oars["criteria"][2]
    assert reflective["title_es"] in text and reflective["anchors_es"][1] in text
    assert "Vuelva a la lección sobre OARS" in text
    # (The evaluator's own feedback is in the words they wrote: the demo's are English.)
    assert f'<th scope="row">{reflective["title"]}' not in text
    assert oars["remediation"][:40] not in text
    assert not Score.objects.filter(title_es="").exists()

    trainee = User.objects.get(email="trainee@example.org")
    waiting = Evaluation.objects.get(trainee=trainee)
    client.force_login(trainee)
    text = client.get(spanish_url("evaluations:detail", waiting.pk)).content.decode()
    for criterion in oars["criteria"]:
        assert criterion["title_es"] in text and criterion["anchors_es"][2] in text


def test_a_demo_seeded_before_the_instruments_had_spanish_gets_it_on_the_next_seed(
    seeded_demo, django_capture_on_commit_callbacks
):
    # The demo as it was seeded before: no Spanish on the rows nor in the live revisions.
    Instrument.objects.update(**dict.fromkeys(SPANISH_FIELDS, ""))
    Criterion.objects.update(title_es="", **{f"{f}_es": "" for f in ANCHOR_FIELDS})
    for instrument in Instrument.objects.all():
        instrument.save_revision().publish()
    # Someone has since reworded one instrument's summary: its Spanish is no longer the demo's.
    edited = Instrument.objects.get(key="ethics-dual-relationship")
    edited.summary = "An edited summary."
    edited.save()
    edited.save_revision().publish()
    before = {i.pk: i.live_revision_id for i in Instrument.objects.all()}
    evaluations = Evaluation.objects.count()
    users = {user.email: user for user in User.objects.all()}

    with django_capture_on_commit_callbacks(execute=True):
        seed_evaluations(course=edited.course, users=users)

    data = {item["key"]: item for item in load_instruments()}
    for instrument in Instrument.objects.all():
        assert instrument.live_revision_id != before[instrument.pk]
        pinned = instrument.live_revision.as_object()
        assert pinned.skill_es == data[instrument.key]["skill_es"]
        for criterion, row in zip(
            pinned.criteria.all(), data[instrument.key]["criteria"], strict=True
        ):
            assert criterion.title_es == row["title_es"]
            assert criterion.anchor_met_es == row["anchors_es"][2]
    edited.refresh_from_db()
    assert edited.summary_es == "" and edited.remediation_es
    assert Evaluation.objects.count() == evaluations
    # A second run changes nothing more.
    after = {i.pk: i.live_revision_id for i in Instrument.objects.all()}
    seed_evaluations(course=edited.course, users=users)
    assert {i.pk: i.live_revision_id for i in Instrument.objects.all()} == after
