"""Funding tables for download: the dashboard's figures as CSV or as an XLSX workbook.

Pure functions of the gathered figures (pandas frames, openpyxl for the workbook); money
stays Decimal, so a spreadsheet shows exactly the cents the API shows. No text cell can run
as a formula (``spreadsheet.safe_frame``).
"""

from collections.abc import Mapping, Sequence
from io import BytesIO

import pandas as pd

from eom.funding.figures import MissionFunding, PortfolioRow
from eom.funding.models import MovementPublic
from reports.spreadsheet import safe_frame

MISSION_COLUMNS = [
    "code",
    "host_country",
    "year",
    "currency",
    "budget",
    "original_budget",
    "pledged",
    "committed",
    "received",
    "spent",
    "balance",
    "gap",
    "burn_rate",
]
CONTRIBUTION_COLUMNS = [
    "on",
    "mission_id",
    "kind",
    "iati_transaction_type",
    "amount",
    "currency",
    "usd_rate",
    "amount_usd",
    "donor",
    "reverses_id",
]
PORTFOLIO_COLUMNS = list(PortfolioRow.model_fields)


def missions_frame(found: Sequence[MissionFunding]) -> pd.DataFrame:
    return pd.DataFrame(
        [f.model_dump(include=set(MISSION_COLUMNS)) for f in found], columns=MISSION_COLUMNS
    )


def contributions_frame(found: Sequence[MovementPublic]) -> pd.DataFrame:
    rows = [m.model_dump(include=set(CONTRIBUTION_COLUMNS)) for m in found]
    return pd.DataFrame(rows, columns=CONTRIBUTION_COLUMNS)


def portfolio_frame(rows: Sequence[PortfolioRow]) -> pd.DataFrame:
    return pd.DataFrame([r.model_dump() for r in rows], columns=PORTFOLIO_COLUMNS)


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a header row; Decimal values written as they are."""
    text: str = safe_frame(frame).to_csv(index=False)
    return text.encode("utf-8")


def to_xlsx(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """One worksheet per frame, in the order given."""
    buffer = BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            safe_frame(frame).to_excel(writer, sheet_name=name[:31], index=False)
    return buffer.getvalue()
