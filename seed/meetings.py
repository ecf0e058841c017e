"""Demo meetings with interlocutors: about six for each mission that has deployed, held by
its core team on the days before election day with the electoral body, the government,
parties, the courts, civil society, the media and the international community; generated
deterministically and stored through the service while the mission still takes them."""

import random
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from argon2 import PasswordHasher
from sqlmodel import Session, select

from eom.core.clock import utcnow
from eom.core.reference import Theme
from eom.field import meetings
from eom.field.models import InstitutionType, Meeting, MeetingCreate
from eom.planning.members.models import MemberRole, MissionMember
from eom.planning.missions.models import CLOSED_TO_FILINGS, OBSERVED, Mission
from eom.planning.missions.service import list_missions
from seed.accounts import SEED_ACTOR
from seed.missions import Progress

PER_MISSION = 6
# The core team, who hold the meetings in the demo (coordinators may file them too).
CORE_TEAM = (MemberRole.chief, MemberRole.deputy_chief, MemberRole.core_group)

# Each host country's electoral body, as the mission would write its name.
ELECTORAL_BODIES = {
    "BB": "Electoral and Boundaries Commission",
    "BO": "Tribunal Supremo Electoral",
    "BS": "Parliamentary Registration Department",
    "CO": "Registraduría Nacional del Estado Civil",
    "DO": "Junta Central Electoral",
    "GT": "Tribunal Supremo Electoral",
    "PE": "Jurado Nacional de Elecciones",
    "PY": "Tribunal Superior de Justicia Electoral",
    "US": "U.S. Election Assistance Commission",
}
FOREIGN_MINISTRIES = {"US": "U.S. Department of State"}


@dataclass(frozen=True)
class Interlocutor:
    kind: InstitutionType
    institution: str  # "{electoral_body}" and "{foreign_ministry}" are the country's own
    theme: Theme | None
    attendees: str
    summary: str
    follow_up: str | None


K, T = InstitutionType, Theme
INTERLOCUTORS = (
    Interlocutor(
        K.electoral_body,
        "{electoral_body}",
        T.electoral_organization,
        "The president and two members of the electoral body; the chief of mission and the "
        "electoral organization specialist.",
        "The electoral body walked the mission through the timetable, the training of poll "
        "workers and the distribution of materials; it expects every polling centre to be "
        "supplied two days before the vote.",
        "Ask for the final list of polling centres and the training schedule.",
    ),
    Interlocutor(
        K.electoral_body,
        "{electoral_body}",
        T.electoral_technology,
        "The director of information technology and the results transmission team; the "
        "electoral technology specialist.",
        "The team explained how preliminary results travel from the counting centres and "
        "which audits of the software are planned; party technicians may attend the review.",
        "Attend the simulation of the transmission of results.",
    ),
    Interlocutor(
        K.government,
        "{foreign_ministry}",
        None,
        "The deputy minister for multilateral affairs; the chief and the deputy chief of mission.",
        "The ministry confirmed the privileges and immunities of the mission's members and "
        "offered help with their accreditation on arrival.",
        "Send the list of observers arriving next week.",
    ),
    Interlocutor(
        K.government,
        "Ministry of the Interior",
        T.electoral_violence_security,
        "The minister's chief of staff and the head of election security; the deputy chief "
        "of mission.",
        "The ministry described how police will guard polling centres and electoral "
        "materials, and acknowledged tensions in two districts.",
        "Share the regional coordinators' contacts with the security command.",
    ),
    Interlocutor(
        K.party_or_candidate,
        "Governing party",
        T.political_financing,
        "The campaign manager and the party's treasurer; the political financing specialist.",
        "The party said it reports its campaign spending every month and worried about "
        "spending by third parties on social media.",
        "Compare the party's reports with the figures the electoral body publishes.",
    ),
    Interlocutor(
        K.party_or_candidate,
        "Main opposition alliance",
        T.electoral_justice,
        "The presidential candidate and two spokespeople; the chief of mission.",
        "The alliance questioned the neutrality of public media and will file complaints "
        "about the use of state resources in the campaign.",
        "Follow the complaints it files with the electoral courts.",
    ),
    Interlocutor(
        K.judiciary,
        "Supreme Court of Justice",
        T.electoral_justice,
        "Two justices of the constitutional chamber; the electoral justice specialist.",
        "The court explained the deadlines for challenging results and how it will resolve "
        "them before the winners are proclaimed.",
        "Ask for the number of complaints resolved after the last election.",
    ),
    Interlocutor(
        K.civil_society,
        "National network of women in politics",
        T.gender,
        "Five leaders of women's organizations; the gender specialist.",
        "The network welcomed parity on candidate lists but said women candidates get less "
        "airtime and are harassed online.",
        "Brief the observers on political violence against women.",
    ),
    Interlocutor(
        K.civil_society,
        "Council of Indigenous Peoples",
        T.underrepresented_groups,
        "Representatives of three Indigenous peoples; a member of the core group.",
        "The council said polling centres are far from remote communities and that voting "
        "instructions are not available in Indigenous languages.",
        "Ask the electoral body whether translated materials will be distributed.",
    ),
    Interlocutor(
        K.civil_society,
        "Domestic observer network",
        T.electoral_organization,
        "The network's coordinator and its legal adviser; the deputy chief of mission.",
        "The network will observe a sample of polling stations and publish a quick count; "
        "it shared what its audit of the voter register found.",
        None,
    ),
    Interlocutor(
        K.media,
        "National press association",
        T.media,
        "The association's board; the media specialist.",
        "Journalists reported pressure from local officials and uneven access to official "
        "information, and asked the mission to speak about press freedom.",
        "Meet the broadcasting regulator about the sharing of airtime.",
    ),
    Interlocutor(
        K.international,
        "United Nations Development Programme",
        None,
        "The resident representative and the electoral assistance team; the chief of mission.",
        "UNDP described its support for the training of poll workers and its dialogue "
        "between the parties.",
        "Agree on dates so that the two teams do not hold the same meetings twice.",
    ),
    Interlocutor(
        K.international,
        "Diplomatic corps",
        None,
        "Ambassadors of OAS member states and permanent observers; the chief and the deputy "
        "chief of mission.",
        "The chief of mission briefed the ambassadors on the deployment and the first "
        "findings; several asked about security in the border regions.",
        None,
    ),
)


def _days(mission: Mission, count: int, rng: random.Random) -> list[date]:
    """Distinct days of the mission's period before election day, none after today."""
    first, _ = mission.period()
    last = min(mission.election_date - timedelta(days=1), utcnow().date())
    span = (last - first).days + 1
    if span <= 0:
        return []
    return [first + timedelta(days=d) for d in sorted(rng.sample(range(span), min(count, span)))]


def _filer(
    team: list[MissionMember], theme: Theme | None, rng: random.Random
) -> MissionMember | None:
    """The specialist of the meeting's theme if the mission has one, else one of the core
    team."""
    own = [m for m in team if m.role == MemberRole.specialist and theme and m.theme == theme]
    core = [m for m in team if m.role in CORE_TEAM]
    chosen = own or core
    return rng.choice(chosen) if chosen else None


def _meetings_of(session: Session, mission: Mission, rng: random.Random) -> int:
    team = list(session.exec(select(MissionMember).where(MissionMember.mission_id == mission.id)))
    names = {
        "electoral_body": ELECTORAL_BODIES.get(mission.host_country, "National electoral body"),
        "foreign_ministry": FOREIGN_MINISTRIES.get(
            mission.host_country, "Ministry of Foreign Affairs"
        ),
    }
    days = _days(mission, PER_MISSION, rng)
    filed = 0
    for day, met in zip(days, rng.sample(INTERLOCUTORS, len(days)), strict=True):
        member = _filer(team, met.theme, rng)
        if member is None:
            continue
        data = MeetingCreate(
            uuid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            met_on=day,
            institution_type=met.kind,
            institution=met.institution.format(**names),
            attendees=met.attendees,
            theme=met.theme,
            summary=met.summary,
            follow_up=met.follow_up,
        )
        meetings.record(session, mission, member, data, actor=SEED_ACTOR)
        filed += 1
    return filed


def load_meetings(session: Session, _: PasswordHasher, progress: Progress) -> int:
    """About six meetings for every mission that has deployed and still takes reports, once
    (a mission with meetings is left alone); how many were filed."""
    # A random stream of its own, so that the other demo data stay as they were.
    rng = random.Random("meetings-2026")
    filed = 0
    missions, _total = list_missions(session, limit=500, offset=0)
    for mission in sorted(missions, key=lambda m: m.code):
        held = session.exec(select(Meeting.id).where(Meeting.mission_id == mission.id)).first()
        if mission.status not in OBSERVED or mission.status in CLOSED_TO_FILINGS or held:
            continue
        progress(f"meetings of {mission.code}")
        filed += _meetings_of(session, mission, rng)
    return filed
