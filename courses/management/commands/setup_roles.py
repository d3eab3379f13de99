"""Create or bring up to date the roles a production installation needs (seed_demo does this for
the demo): run after every `migrate`, since a release may give a role a new permission."""

from django.core.management.base import BaseCommand
from django.db import transaction

from courses.models import CourseIndexPage, CoursePage
from courses.permissions import ensure_course_instructor_group, ensure_role_groups
from courses.translation import default_locale_id


class Command(BaseCommand):
    help = (
        "Create or update the role groups (Instructors, Reviewers, Supervisors, Employers, "
        "Evaluators), their permissions, the curriculum review workflow and each course's "
        "instructor group. Idempotent."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        index = CourseIndexPage.objects.first()
        groups = ensure_role_groups(course_index=index)
        self.stdout.write("Role groups: " + ", ".join(sorted(groups)))
        if index is None:
            self.stdout.write(
                "No course index page yet: add one under the site root in the "
                "admin; it gets the review workflow when created."
            )
        else:
            self.stdout.write(f"Curriculum review workflow on: {index.title}")
        # One group per course: a translation is taught by its source course's group.
        for course in CoursePage.objects.filter(locale_id=default_locale_id()).order_by("path"):
            group = ensure_course_instructor_group(course=course)
            self.stdout.write(f"Course instructor group: {group.name}")
