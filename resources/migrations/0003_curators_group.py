"""The Curators group: Wagtail admin access, the framework snippets, resource suggestions, images and documents,
and add/edit/publish on the resource index's subtree when it exists (the demo loader grants it otherwise)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CURATORS = "Curators"
FRAMEWORK_MODELS = ("engagementlevel", "skill", "behavior", "activity", "source")
MODEL_PERMISSIONS = [
    *((("framework", model), ("view", "add", "change")) for model in FRAMEWORK_MODELS),
    (("resources", "resourcesuggestion"), ("view", "change")),
    (("resources", "resourcelanguage"), ("view", "add", "change")),
]
COLLECTION_PERMISSIONS = [("wagtailimages", "add_image"), ("wagtailimages", "choose_image")]
COLLECTION_PERMISSIONS += [("wagtaildocs", "add_document"), ("wagtaildocs", "choose_document")]
PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
APPS_WITH_PERMISSIONS = ("wagtailadmin", "wagtailcore", "wagtailimages", "wagtaildocs", "framework", "resources")


def ensure_permissions(apps, using):
    # Django creates permissions after the last migration (post_migrate); on a fresh database they do not
    # exist yet, so create the ones this migration needs now (the later post_migrate run skips them).
    for label in APPS_WITH_PERMISSIONS:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, using=using, apps=apps)
        app_config.models_module = None


def create_curators(apps, schema_editor):
    using = schema_editor.connection.alias
    ensure_permissions(apps, using)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    ResourceIndexPage = apps.get_model("resources", "ResourceIndexPage")
    permissions = Permission.objects.using(using)

    group, _created = Group.objects.using(using).get_or_create(name=CURATORS)
    wanted = [permissions.get(content_type__app_label="wagtailadmin", codename="access_admin")]
    for (app_label, model), actions in MODEL_PERMISSIONS:
        wanted += [
            permissions.get(content_type__app_label=app_label, content_type__model=model, codename=f"{action}_{model}")
            for action in actions
        ]
    group.permissions.add(*wanted)

    root_collection = Collection.objects.using(using).filter(depth=1).first()
    if root_collection is not None:
        for app_label, codename in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.using(using).get_or_create(
                group=group,
                collection=root_collection,
                permission=permissions.get(content_type__app_label=app_label, codename=codename),
            )
    for index in ResourceIndexPage.objects.using(using).all():
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.using(using).get_or_create(
                group=group,
                page_id=index.pk,
                permission=permissions.get(content_type__app_label="wagtailcore", codename=codename),
            )


def remove_curators(apps, schema_editor):
    apps.get_model("auth", "Group").objects.using(schema_editor.connection.alias).filter(name=CURATORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0002_resource_body_blocks"),
        ("framework", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_curators, remove_curators)]
