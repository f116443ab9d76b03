"""The guides' tag links point at the resources' own tags (copied with the same ids by 0005)."""

import django.db.models.deletion
import modelcluster.contrib.taggit
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('resources', '0005_resource_tags'),
    ]

    operations = [
        migrations.AlterField(
            model_name='resourcepage',
            name='tags',
            field=modelcluster.contrib.taggit.ClusterTaggableManager(blank=True, help_text='A comma-separated list of tags.', through='resources.ResourcePageTag', to='resources.ResourceTag', verbose_name='tags'),
        ),
        migrations.AlterField(
            model_name='resourcepagetag',
            name='tag',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='tagged_resources', to='resources.resourcetag'),
        ),
    ]
