"""Names, in the catalogue, of the recommendation codes that documents print (DESIGN §2).
The recommendation domain merged after the documents; a document keeps codes in its
values and names them here, in the words of the design. Funding codes are named by the
funding domain's own maps (``eom.funding.models``)."""

from eom.i18n import N_

# A recommendation's follow-up status, from the latest assessment.
ASSESSMENT_LABELS = {
    "not_assessed": N_("Not assessed"),
    "not_implemented": N_("Not implemented"),
    "partially_implemented": N_("Partially implemented"),
    "mostly_implemented": N_("Mostly implemented"),
    "fully_implemented": N_("Fully implemented"),
    "no_longer_relevant": N_("No longer relevant"),
}
# Statuses that count as implemented in an implementation rate.
IMPLEMENTED = ("mostly_implemented", "fully_implemented")

INSTITUTION_LABELS = {
    "electoral_body": N_("Electoral body"),
    "legislature": N_("Legislature"),
    "judiciary": N_("Judiciary"),
    "executive": N_("Executive"),
    "political_parties": N_("Political parties"),
    "media": N_("Media"),
    "other": N_("Other"),
}


def label(labels: dict[str, str], code: str) -> str:
    """The catalogue message naming ``code``, or the code itself when it has none."""
    return labels.get(code, code)
