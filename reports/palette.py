"""The one palette: every colour a page, a chart or a PDF shows, named by what it means.

The hues are Okabe and Ito's, which stay apart under the common colour blindnesses. A
meaning never travels by colour alone: a badge carries its word, a chart its legend and
the value of each bar, and an answer that signals a problem is hatched as well as
vermilion and marked "⚠" in its label.
"""

from eom.field.models import Severity
from eom.planning.missions.models import MissionStatus
from recommendations.models import FollowUpStatus

BRAND = "#003b71"  # the OAS blue
ORANGE = "#e69f00"
SKY = "#56b4e9"
GREEN = "#009e73"
YELLOW = "#f0e442"
BLUE = "#0072b2"
VERMILION = "#d55e00"
PURPLE = "#cc79a7"
GREY = "#8c8c8c"

TEXT = "#1a1a1a"
MUTED = "#595959"
GRID = "#d9d9d9"

# Series that mean nothing beyond their label (members by role, nationalities), in order;
# yellow last because it is the hardest to see on white.
SERIES: tuple[str, ...] = (BRAND, ORANGE, SKY, GREEN, VERMILION, PURPLE, BLUE, YELLOW)

# Good news, and an answer that signals a problem (a form's ``concern`` mark): the
# latter always vermilion, hatched.
GOOD = GREEN
CONCERN = VERMILION
# Answers that signal nothing wrong, one after another.
ANSWERS: tuple[str, ...] = (BLUE, SKY, BRAND, PURPLE, GREEN)
CONCERN_MARK = "⚠"

FOLLOW_UP: dict[FollowUpStatus, str] = {
    FollowUpStatus.fully_implemented: GREEN,
    FollowUpStatus.mostly_implemented: SKY,
    FollowUpStatus.partially_implemented: ORANGE,
    FollowUpStatus.not_implemented: VERMILION,
    FollowUpStatus.not_assessed: GREY,
    FollowUpStatus.no_longer_relevant: PURPLE,
}

# Where a mission is in its life: under way in blue, in the field green, done grey,
# cancelled vermilion.
_S = MissionStatus
MISSION: dict[MissionStatus, str] = {
    **dict.fromkeys((_S.requested, _S.accepted, _S.preliminary_visit, _S.agreements_signed), BLUE),
    _S.deployed: GREEN,
    **dict.fromkeys((_S.preliminary_report, _S.final_report, _S.follow_up), SKY),
    _S.closed: GREY,
    _S.cancelled: VERMILION,
}

SEVERITY: dict[Severity, str] = {
    Severity.low: SKY,
    Severity.medium: ORANGE,
    Severity.high: VERMILION,
    Severity.critical: PURPLE,
}

# The funding of a mission: what arrived, what is promised, what is missing.
RECEIVED, COMMITTED, GAP = GREEN, SKY, VERMILION


def css() -> str:
    """The palette as CSS custom properties and badge rules, so that a page's badges and
    legends take the very colours of the charts and PDFs."""
    lines = [":root {"]
    lines += [f"  --follow-{status.value}: {colour};" for status, colour in FOLLOW_UP.items()]
    lines += [f"  --mission-{status.value}: {colour};" for status, colour in MISSION.items()]
    lines += [f"  --severity-{level.value}: {colour};" for level, colour in SEVERITY.items()]
    lines += [f"  --concern: {CONCERN};", "}"]
    lines += [
        f".follow-{status.value} {{ --swatch: var(--follow-{status.value}); }}"
        for status in FOLLOW_UP
    ]
    lines += [
        f".status-{status.value} {{ --swatch: var(--mission-{status.value}); }}"
        for status in MISSION
    ]
    lines += [
        f".severity-{level.value} {{ --swatch: var(--severity-{level.value}); }}"
        for level in SEVERITY
    ]
    return "\n".join(lines) + "\n"
