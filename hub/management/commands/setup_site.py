"""Create the site's own pages once: the Hub's home page replaces Wagtail's welcome page."""

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site

from core.i18n import team_origins
from hub.models import HomePage

HOME_CONTENT = {
    "title": {
        "en": "Movement Learning Hub",
        "es": "Centro de Aprendizaje del Movimiento",
        "fr": "Centre d'apprentissage du mouvement",
        "ar": "مركز التعلّم في الحركة",
    },
    "lead": {
        "en": "Find where you are in your Wikimedia journey, what to learn next, and the community guides that help.",
        "es": "Descubre en qué punto de tu camino en Wikimedia estás, qué aprender a continuación y qué guías "
        "de la comunidad te ayudan.",
        "fr": "Situez-vous dans votre parcours Wikimédia, voyez quoi apprendre ensuite et trouvez les guides de la "
        "communauté qui vous y aident.",
        "ar": "اعرف أين أنت في رحلتك مع ويكيميديا، وما الذي تتعلّمه بعد ذلك، وأدلة المجتمع التي تعينك على ذلك.",
    },
    "intro": {
        "en": "<p>The Hub turns the Learning and Leadership Development Framework into something you can use: "
        "engagement levels, the skills and activities each one suggests, the roles you could grow into, and "
        "guides written by volunteers across the movement.</p>",
        "es": "<p>El Centro convierte el Marco de Aprendizaje y Desarrollo de Liderazgo en algo que puedes usar: "
        "niveles de participación, las habilidades y actividades que sugiere cada uno, los roles que podrías "
        "asumir y guías escritas por personas voluntarias de todo el movimiento.</p>",
        "fr": "<p>Le Centre fait du cadre de développement de l'apprentissage et du leadership un outil concret : "
        "des niveaux d'engagement, les compétences et les activités que chacun suggère, les rôles vers lesquels "
        "évoluer et des guides écrits par des bénévoles de tout le mouvement.</p>",
        "ar": "<p>يحوّل المركز إطار تطوير التعلّم والقيادة إلى أداة تستطيع استخدامها: مستويات المشاركة، والمهارات "
        "والأنشطة التي يقترحها كل مستوى، والأدوار التي يمكنك أن تنمو نحوها، وأدلة كتبها متطوعون من أنحاء "
        "الحركة كافة.</p>",
    },
}


class Command(BaseCommand):
    """Idempotent: a second run finds the home page and changes nothing a curator may have edited."""

    help = "Create the Hub's home page as the root of the default site (safe to run again)."

    @transaction.atomic
    def handle(self, *args, **options):
        Locale.objects.get_or_create(language_code="en")
        if not Collection.objects.filter(depth=1).exists():
            # Images and documents live in collections; Wagtail's migration makes the root one, a flush removes it.
            Collection.add_root(name="Root")
        root = Page.get_first_root_node()
        if root is None:
            # A flushed database (transactional tests) has lost Wagtail's root page too.
            root = Page.add_root(instance=Page(title="Root", slug="root"))
        if not root.title_en:
            root.title_en = root.title or "Root"
            root.save(update_fields=["title_en"])

        home = HomePage.objects.first()
        if home is None:
            # Wagtail's welcome page holds the "home" slug; the Hub's own page takes its place.
            for page in root.get_children().exact_type(Page):
                page.delete()
            root.refresh_from_db()
            home = HomePage(slug="home", live=True, **self._translated_values())
            root.add_child(instance=home)
            home.save_revision().publish()
            self.stdout.write("Created the home page.")
        else:
            self.stdout.write("Home page already exists; left as it is.")

        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Hub")
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.save(update_fields=["root_page"])

    @staticmethod
    def _translated_values():
        values = {"translation_origin": team_origins(HOME_CONTENT)}
        for field, by_language in HOME_CONTENT.items():
            values[field] = by_language["en"]
            for code, text in by_language.items():
                values[f"{field}_{code}"] = text
        return values
