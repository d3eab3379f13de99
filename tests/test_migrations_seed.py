"""A test database built from the models (tests/conftest.py) gets the rows the data migrations
create from tests/factories/migrated_data.py. This runs against really migrated tables (the
module's name puts it in `make test`'s migrations run) and checks that the helper makes the
same rows, so a Wagtail upgrade or a new data migration can't leave the other tests running
on a database the site never has."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from tests.factories.migrated_data import create_migrated_data


def permission_key(permission):
    return (permission.content_type.app_label, permission.codename)


def rows():
    """Every row the data migrations leave, by what it says rather than by its id, and how
    many rows every table holds (a new data migration that creates rows shows up there)."""
    from django.apps import apps

    return {
        "rows per table": {
            model._meta.label: model._base_manager.count()
            for model in apps.get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy
        },
        "locales": sorted(Locale.objects.values_list("pk", "language_code")),
        "collections": sorted(
            Collection.objects.values_list("pk", "path", "depth", "numchild", "name")
        ),
        "pages": sorted(
            Page.objects.values_list(
                "pk",
                "path",
                "depth",
                "numchild",
                "title",
                "draft_title",
                "slug",
                "live",
                "has_unpublished_changes",
                "url_path",
                "content_type__app_label",
                "content_type__model",
                "locale__language_code",
                "show_in_menus",
                "locked",
                "expired",
                "alias_of",
                "latest_revision",
                "live_revision",
                "first_published_at",
                "owner",
            )
        ),
        "sites": sorted(
            Site.objects.values_list(
                "pk", "hostname", "port", "site_name", "root_page", "is_default_site"
            )
        ),
        "groups": sorted(
            (group.pk, group.name, sorted(map(permission_key, group.permissions.all())))
            for group in Group.objects.all()
        ),
        "page permissions": sorted(
            (grant.group.name, grant.page_id, permission_key(grant.permission))
            for grant in GroupPagePermission.objects.all()
        ),
        "collection permissions": sorted(
            (grant.group.name, grant.collection_id, permission_key(grant.permission))
            for grant in GroupCollectionPermission.objects.all()
        ),
        "workflows": sorted(Workflow.objects.values_list("pk", "name", "active")),
        "tasks": sorted(
            (
                task.pk,
                task.name,
                task.active,
                task.content_type.model,
                sorted(group.name for group in task.specific.groups.all()),
            )
            for task in Task.objects.all()
        ),
        "workflow tasks": sorted(
            WorkflowTask.objects.values_list("workflow", "task", "sort_order")
        ),
        "workflow pages": sorted(WorkflowPage.objects.values_list("page", "workflow")),
    }


@pytest.mark.django_db(transaction=True)
def test_the_rows_made_for_a_database_without_migrations_are_the_migrations_own():
    from django.core.management import call_command

    migrated = rows()
    assert migrated["pages"] and migrated["groups"] and migrated["workflows"]
    # Empty it as a database built from the models starts (the serialized rollback this
    # transactional test gets puts the migrated rows back afterwards).
    call_command("flush", interactive=False, inhibit_post_migrate=False, verbosity=0)
    assert not Page.objects.exists()

    create_migrated_data()
    assert rows() == migrated
