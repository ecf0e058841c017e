"""Names, in the catalogue, of the codes that documents print from the funding domain
(DESIGN §2). That domain merged after the documents; a document keeps codes in its values
and names them here, in the words of the design. The recommendation domain's codes are
named by its own maps (``recommendations.models``)."""

from eom.i18n import N_

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
