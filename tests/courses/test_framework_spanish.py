"""Framework data in the reader's language: a Spanish reader sees the training domains and
SAMHSA's competencies in Spanish wherever they are shown — the module page, the course's hours,
an exam's domain profile, the transcript, the verification page and the certificate PDF — an
English reader sees English, and a row nobody has translated shows its English name. Staff type
the Spanish in the admin, next to the English."""

import random
import subprocess
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import translation

from assessments import services as assessment_services
from assessments.models import BlueprintWeight
from certificates import services as certificate_services
from certificates.keys import clear_issuer_keys_cache, init_issuer_keys
from certificates.models import Certificate
from cohorts.models import OutsideTraining, OutsideTrainingHours, Topic
from courses.framework import domain_label
from courses.models import Competency, ModuleDomainHours, TrainingDomain
from outcomes.selectors import domain_names
from tests.conftest import build_course
from tests.courses.spanish_tree import translate_course
from tests.factories import (
    AssessmentPageFactory,
    CourseIndexPageFactory,
    EnrollmentFactory,
    PoolRuleFactory,
    QuestionCategoryFactory,
    QuestionFactory,
    UserFactory,
)
from tests.factories.certificates import CertificateFactory
from tests.module_data import home_page, module_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogues")]


def build_framework():
    """Two training domains (one translated), two SAMHSA competencies (one translated) and a
    course whose first module carries both competencies and hours in both domains, with its
    Spanish translation (made as the demo and the admin's "Translate" make one)."""
    ethics = TrainingDomain.objects.create(
        name="Ethical Responsibility",
        name_es="Responsabilidad ética",
        framework="IC&RC Peer Recovery",
        description="Ethics, boundaries, confidentiality and the law.",
        description_es="Ética, límites, confidencialidad y la ley.",
        sort_order=3,
    )
    # A domain nobody has translated yet.
    advocacy = TrainingDomain.objects.create(
        name="Advocacy", framework="IC&RC Peer Recovery", sort_order=0
    )
    competencies = [
        Competency.objects.create(
            number=2, title="Provides support", title_es="Brinda apoyo", framework="SAMHSA"
        ),
        Competency.objects.create(number=9, title="Values communication", framework="SAMHSA"),
    ]
    home = home_page()
    course_index = CourseIndexPageFactory(parent=home)
    english = build_course(course_index, modules=1, lessons=1)
    module = english.modules[0]
    module.competencies = competencies
    module.save_revision().publish()
    ModuleDomainHours.objects.create(module=module, domain=ethics, hours=Decimal("2"))
    ModuleDomainHours.objects.create(module=module, domain=advocacy, hours=Decimal("1"))
    return SimpleNamespace(
        ethics=ethics,
        advocacy=advocacy,
        competencies=competencies,
        tree=translate_course(home, course_index, english),
    )


# Built once for the module and copied back into each test's transaction; the tests ask for
# the parts they read.
framework_rows, framework = module_data(build_framework)


@pytest.fixture
def ethics(framework):
    return framework.ethics


@pytest.fixture
def advocacy(framework):
    return framework.advocacy


@pytest.fixture
def competencies(framework):
    return framework.competencies


@pytest.fixture
def tree(framework):
    return framework.tree


def url(page, language: str) -> str:
    with translation.override(language):
        return page.url


def main(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode().split('<main id="main"', 1)[1]


# --- the module page and the course page ------------------------------------------------------


@pytest.fixture
def learner(client, trainee, tree):
    EnrollmentFactory(trainee=trainee, course=tree.english.course)
    client.force_login(trainee)
    return client


def test_a_spanish_reader_sees_the_modules_competencies_in_spanish(tree, learner):
    page = main(learner.get(url(tree.modules[0], "es")))
    assert "Competencias de SAMHSA" in page
    assert "<li>2. Brinda apoyo</li>" in page
    assert "Provides support" not in page
    # Not translated yet: the English title, not an empty line.
    assert "<li>9. Values communication</li>" in page


def test_an_english_reader_sees_the_competencies_in_english(tree, learner):
    page = main(learner.get(url(tree.english.modules[0], "en")))
    assert "<li>2. Provides support</li>" in page
    assert "Brinda apoyo" not in page


def test_the_course_hours_name_each_domain_in_the_readers_language(tree, client):
    spanish = main(client.get(url(tree.course, "es")))
    assert "<td>Responsabilidad ética</td>" in spanish
    assert "<td>Advocacy</td>" in spanish  # no Spanish name: the English one
    english = main(client.get(url(tree.english.course, "en")))
    assert "<td>Ethical Responsibility</td>" in english
    assert "Responsabilidad ética" not in english


# --- the exam's domain profile -----------------------------------------------------------------


@pytest.fixture
def failed_exam(tree, ethics, trainee):
    """A certifying exam over the ethics domain, failed (nothing answered)."""
    module = tree.english.modules[0]
    exam = AssessmentPageFactory(
        parent=module,
        title="Certifying exam",
        blueprint_length=4,
        show_domain_profile=True,
        review_questions=False,
        max_attempts=5,
        **{f"review_{m}_score": True for m in ("submit", "pass", "last", "close")},
    )
    category = QuestionCategoryFactory(name="Exam pool: ethics")
    for n in range(4):
        QuestionFactory(category=category, domain=ethics, key=f"eth-{n}", type="single")
    PoolRuleFactory(assessment=exam, category=category, count=0)
    BlueprintWeight.objects.create(assessment=exam, domain=ethics, weight=100, sort_order=0)
    EnrollmentFactory(trainee=trainee, course=tree.english.course)
    attempt = assessment_services.attempt_start(
        trainee=trainee, assessment=exam, rng=random.Random(1)
    )
    return assessment_services.attempt_submit(attempt=attempt)


def test_the_exam_results_name_the_domains_in_the_readers_language(failed_exam, client):
    client.force_login(failed_exam.trainee)
    spanish = main(client.get(f"/es/assessments/attempts/{failed_exam.pk}/review/"))
    assert "Puntuación por dominio de formación" in spanish
    assert '<th scope="row">Responsabilidad ética</th>' in spanish
    assert "Ethical Responsibility" not in spanish
    english = main(client.get(f"/assessments/attempts/{failed_exam.pk}/review/"))
    assert '<th scope="row">Ethical Responsibility</th>' in english
    assert "Responsabilidad ética" not in english


# --- the transcript, the verification page and the certificate --------------------------------


def test_the_transcript_names_outside_trainings_domains_and_topics_in_spanish(
    ethics, advocacy, trainee, client
):
    topic = Topic.objects.create(name="Ethics", name_es="Ética")
    record = OutsideTraining.objects.create(
        trainee=trainee,
        title="Peer ethics workshop",
        provider="State peer network",
        started_on=date(2026, 3, 2),
        ended_on=date(2026, 3, 3),
        delivery=OutsideTraining.Delivery.choices[0][0],
        status=OutsideTraining.Status.APPROVED,
    )
    for values in (
        {"domain": ethics, "hours_claimed": Decimal("6"), "hours_approved": Decimal("6")},
        {"domain": advocacy, "hours_claimed": Decimal("2"), "hours_approved": Decimal("2")},
        {"topic": topic, "hours_claimed": Decimal("3"), "hours_approved": Decimal("3")},
    ):
        OutsideTrainingHours.objects.create(record=record, **values)
    client.force_login(trainee)
    spanish = main(client.get("/es/ce/transcript/"))
    assert "Responsabilidad ética 6" in spanish
    assert "Ética 3" in spanish
    assert "Advocacy 2" in spanish
    english = main(client.get("/ce/transcript/"))
    assert "Ethical Responsibility 6" in english and "Ethics 3" in english
    assert "Responsabilidad ética" not in english


@pytest.fixture
def issuer_keys(settings, tmp_path):
    settings.ISSUER_KEY_DIR = tmp_path / "issuer"
    clear_issuer_keys_cache()
    yield init_issuer_keys(settings.ISSUER_KEY_DIR, organisation="PeerCert Test Institute")
    clear_issuer_keys_cache()


@pytest.fixture
def certificate(ethics, advocacy, issuer_keys):
    holder = UserFactory(first_name="Lucía", last_name="Fernández", email="lucia@example.org")
    pending = CertificateFactory(
        holder=holder,
        status=Certificate.Status.PENDING,
        issued_on=date(2026, 12, 6),
        expires_on=date(2028, 12, 6),
        hours_by_domain=[["Advocacy", "11"], ["Ethical Responsibility", "17"]],
    )
    return certificate_services.certificate_issue(certificate_id=pending.pk)


def pdf_text(pdf: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return result.stdout.decode()


def test_the_spanish_certificate_pdf_names_the_domains_in_spanish(certificate, client):
    client.force_login(certificate.holder)
    response = client.post(
        reverse("certificates:pdf_language", args=[certificate.pk]), {"language": "es"}
    )
    assert response.status_code == 200
    text = pdf_text(b"".join(response.streaming_content))
    assert "Responsabilidad ética" in text
    assert "Advocacy" in text  # not translated: its English name, never a blank row
    assert "Ethical Responsibility" not in text
    english = pdf_text(certificate.pdf.open("rb").read())
    assert "Ethical Responsibility" in english and "Responsabilidad" not in english


def test_the_verification_page_names_the_domains_in_the_visitors_language(certificate, client):
    code = certificate.code
    spanish = main(client.get(f"/es/verify/{code}/"))
    assert "Responsabilidad ética: 17" in spanish
    english = main(client.get(f"/verify/{code}/"))
    assert "Ethical Responsibility: 17" in english


# --- the outcomes dashboard's names, and the fallback ---------------------------------------


def test_outcome_tables_and_name_lookups_follow_the_language(ethics, advocacy):
    with translation.override("es"):
        assert domain_names([ethics.pk, advocacy.pk]) == {
            ethics.pk: "Responsabilidad ética",
            advocacy.pk: "Advocacy",
        }
        assert domain_label("Ethical Responsibility") == "Responsabilidad ética"
        assert domain_label("A domain since renamed") == "A domain since renamed"
        assert str(ethics) == "Responsabilidad ética"
        assert ethics.localized_description == "Ética, límites, confidencialidad y la ley."
    with translation.override("en"):
        assert domain_names([ethics.pk]) == {ethics.pk: "Ethical Responsibility"}
        assert domain_label("Ethical Responsibility") == "Ethical Responsibility"


def test_a_spanish_name_cleared_falls_back_to_english_at_once(ethics):
    with translation.override("es"):
        assert domain_label("Ethical Responsibility") == "Responsabilidad ética"  # now cached
        ethics.name_es = "   "
        ethics.save()
        assert domain_label("Ethical Responsibility") == "Ethical Responsibility"
        assert ethics.localized_name == "Ethical Responsibility"


# --- staff edit the Spanish in the admin -------------------------------------------------------


@pytest.fixture
def staff():
    return UserFactory(is_staff=True, is_superuser=True, email="admin@example.org")


@pytest.fixture
def admin_client(client, staff):
    client.force_login(staff)
    return client


def test_staff_type_a_domains_spanish_name_in_the_admin_and_readers_see_it(
    tree, ethics, admin_client
):
    edit = reverse("wagtailsnippets_courses_trainingdomain:edit", args=[ethics.pk])
    form = admin_client.get(edit).content.decode()
    assert 'name="name_es"' in form and 'name="description_es"' in form
    # Warm the name cache on a Spanish page first: the edit must show without waiting.
    assert "Responsabilidad ética" in main(admin_client.get(url(tree.course, "es")))
    response = admin_client.post(
        edit,
        {
            "name": "Ethical Responsibility",
            "name_es": "Responsabilidad ética y profesional",
            "framework": "IC&RC Peer Recovery",
            "description": ethics.description,
            "description_es": ethics.description_es,
            "sort_order": "3",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    ethics.refresh_from_db()
    assert ethics.name_es == "Responsabilidad ética y profesional"
    assert ethics.name == "Ethical Responsibility"  # the English and every link keep their key
    assert "<td>Responsabilidad ética y profesional</td>" in main(
        admin_client.get(url(tree.course, "es"))
    )


def test_staff_type_a_competencys_spanish_title_in_the_admin(
    tree, competencies, staff, admin_client
):
    EnrollmentFactory(trainee=staff, course=tree.english.course)  # to open the module page
    untranslated = competencies[1]
    edit = reverse("wagtailsnippets_courses_competency:edit", args=[untranslated.pk])
    response = admin_client.post(
        edit,
        {
            "framework": "SAMHSA",
            "number": "9",
            "title": "Values communication",
            "title_es": "Valora la comunicación",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = main(admin_client.get(url(tree.modules[0], "es")))
    assert "<li>9. Valora la comunicación</li>" in page


def test_a_too_long_spanish_name_is_a_field_error_not_a_500(ethics, admin_client):
    edit = reverse("wagtailsnippets_courses_trainingdomain:edit", args=[ethics.pk])
    response = admin_client.post(
        edit,
        {
            "name": "Ethical Responsibility",
            "name_es": "x" * 121,
            "framework": "IC&RC Peer Recovery",
            "sort_order": "3",
        },
    )
    assert response.status_code == 200
    assert "name_es" in response.context["form"].errors
    ethics.refresh_from_db()
    assert ethics.name_es == "Responsabilidad ética"
