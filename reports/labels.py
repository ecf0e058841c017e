"""Names, in the catalogue, of the codes that documents print from the recommendation and
funding domains (DESIGN §2). Those domains merge after the documents; a document keeps
codes in its values and names them here, in the words of the design."""

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

BUDGET_LINE_LABELS = {
    "personnel": N_("Personnel"),
    "travel": N_("Travel"),
    "per_diem": N_("Per diem"),
    "insurance": N_("Insurance"),
    "logistics": N_("Logistics"),
    "technology": N_("Technology"),
    "communications": N_("Communications"),
    "other": N_("Other"),
}

# Money coming in from a donor, by IATI transaction type: pledge (13), commitment (11),
# incoming funds (1).
CONTRIBUTION_LABELS = {
    "pledge": N_("Pledge"),
    "commitment": N_("Commitment"),
    "incoming_funds": N_("Funds received"),
}

DONOR_KIND_LABELS = {
    "member_state": N_("Member state"),
    "permanent_observer": N_("Permanent observer"),
    "multilateral": N_("Multilateral organization"),
    "foundation": N_("Foundation"),
    "private": N_("Private donor"),
}


def label(labels: dict[str, str], code: str) -> str:
    """The catalogue message naming ``code``, or the code itself when it has none."""
    return labels.get(code, code)
