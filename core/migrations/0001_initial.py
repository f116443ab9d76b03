# The content version model moved here from the hub app (issue #10). State only: the table
# hub_contentversion, created by hub.0002, stays where it is with its rows.

import uuid

from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("hub", "0002_content_version"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ContentVersion",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("key", models.CharField(max_length=40, unique=True)),
                        ("token", models.UUIDField(default=uuid.uuid4)),
                    ],
                    options={
                        "verbose_name": "content version",
                        "db_table": "hub_contentversion",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
