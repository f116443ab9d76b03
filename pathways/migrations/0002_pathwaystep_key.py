"""Give every pathway step a key, unique within its role, so that imports match steps by key instead of by order."""

from django.db import migrations, models


def name_existing_steps(apps, schema_editor):
    """``step-<order>`` for each existing step (the name the shipped data file gives it), in order; a step whose
    order is missing or already taken in its role gets the next free number."""
    PathwayStep = apps.get_model("pathways", "PathwayStep")
    taken = {}
    for step in PathwayStep.objects.order_by("role_id", "sort_order", "pk"):
        keys = taken.setdefault(step.role_id, set())
        number = step.sort_order if step.sort_order and step.sort_order > 0 else len(keys) + 1
        while f"step-{number}" in keys:
            number += 1
        step.key = f"step-{number}"
        keys.add(step.key)
        step.save(update_fields=["key"])


class Migration(migrations.Migration):

    dependencies = [
        ("pathways", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="pathwaystep",
            name="key",
            field=models.SlugField(
                blank=True,
                help_text="Names the step in the data files; unique within the role.",
                max_length=80,
                verbose_name="key",
            ),
        ),
        migrations.RunPython(name_existing_steps, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="pathwaystep",
            constraint=models.UniqueConstraint(fields=("role", "key"), name="pathways_step_key_unique_in_role"),
        ),
    ]
