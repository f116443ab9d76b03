"""Learning opportunities and mentorship programmes, each a Wagtail page under its own index (moderation,
revisions and workflows come with pages)."""

from .mentorship import MentorshipIndexPage, MentorshipPage
from .opportunities import OpportunityIndexPage, OpportunityPage

__all__ = ["MentorshipIndexPage", "MentorshipPage", "OpportunityIndexPage", "OpportunityPage"]
