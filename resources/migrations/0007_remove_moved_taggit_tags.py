"""The taggit tags copied into ResourceTag by 0005 are removed, unless something else still uses them. Going back
writes them again from ResourceTag, same id, name and slug, before 0006 points the links back at taggit."""

from django.core.management.color import no_style
from django.db import migrations


def remove_moved(apps, schema_editor):
    """Delete the taggit tags that have a ResourceTag of the same id and slug and no other tagged item."""
    Tag = apps.get_model("taggit", "Tag")
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    ResourceTag = apps.get_model("resources", "ResourceTag")
    moved = {tag.id: tag.slug for tag in ResourceTag.objects.all()}
    still_used = set(TaggedItem.objects.values_list("tag_id", flat=True))
    ids = [tag.id for tag in Tag.objects.filter(id__in=moved) if moved[tag.id] == tag.slug and tag.id not in still_used]
    Tag.objects.filter(id__in=ids).delete()


def restore(apps, schema_editor):
    """Write every ResourceTag back into taggit's table (same id, name and slug) for the links to point at."""
    Tag = apps.get_model("taggit", "Tag")
    ResourceTag = apps.get_model("resources", "ResourceTag")
    present = set(Tag.objects.values_list("id", flat=True))
    Tag.objects.bulk_create(
        Tag(id=tag.id, name=tag.name, slug=tag.slug) for tag in ResourceTag.objects.order_by("id") if tag.id not in present
    )
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Tag]):
            cursor.execute(sql)


class Migration(migrations.Migration):

    dependencies = [
        ('resources', '0006_resource_tag_links'),
        ('taggit', '0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx'),
    ]

    operations = [
        migrations.RunPython(remove_moved, restore),
    ]
