"""The standard set of observer forms: DECO copies it into a mission
(`forms.copy_standard_set`), and every demo mission uses it.

Pure data, standard library only. The forms follow what international observer checklists
ask (OAS/DECO, EU EOM, OSCE/ODIHR, The Carter Center): one form each for the opening,
voting, closing and counting at a polling station, and an incident report (DESIGN §2,
"Field reporting"). Question ids are stable snake_case names, unique across the whole set,
so that answers can be aggregated per question across missions.

``FIELD_INSTRUMENTS`` are the rest of the set, filed before and after election day: the
long-term observers' periodic report, for their area, and one thematic instrument for each
theme a mission's specialists follow (gender, political financing, media, electoral
technology, electoral justice, underrepresented groups), for the whole mission.

``BENCH_CHECKLIST`` is a long voting form of exactly 40 questions for the benchmarks; it is
not part of ``STANDARD_CHECKLISTS``.
"""

from dataclasses import dataclass, replace

QUESTION_TYPES = ("yes_no", "integer", "single_choice", "multiple_choice", "text", "time")
CHOICE_TYPES = ("single_choice", "multiple_choice")
PHASES = ("opening", "voting", "closing", "counting", "incident")


@dataclass(frozen=True)
class Question:
    id: str
    text_en: str
    text_es: str
    type: str
    required: bool
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[tuple[str, str, str], ...] = ()
    key: bool = False
    # The answers that signal a problem: "yes" or "no" for a yes/no question, choice values
    # for a choice question (the charts and the board flag them).
    concern: tuple[str, ...] = ()


@dataclass(frozen=True)
class Checklist:
    key: str
    phase: str
    title_en: str
    title_es: str
    questions: tuple[Question, ...]
    # What one filing is about ("station", "area" or "mission"), and the theme, if any.
    scope: str = "station"
    theme: str | None = None


# Staff and voters per polling station: generous upper bounds for the region's largest tables.
MAX_STAFF = 15
MAX_VOTERS = 1500

ASSESSMENT: tuple[tuple[str, str, str], ...] = (
    ("very_good", "Very good", "Muy bueno"),
    ("good", "Good", "Bueno"),
    ("poor", "Poor", "Deficiente"),
    ("very_poor", "Very poor", "Muy deficiente"),
)

PARTY_AGENTS: tuple[tuple[str, str, str], ...] = (
    ("governing_coalition", "Governing party or coalition", "Partido o coalición de gobierno"),
    ("main_opposition", "Main opposition party", "Principal partido de oposición"),
    ("other_parties", "Other parties", "Otros partidos"),
    ("independent_candidates", "Independent candidates", "Candidaturas independientes"),
    ("none", "None present", "Ninguno presente"),
)

ACCESSIBILITY: tuple[tuple[str, str, str], ...] = (
    ("full", "Fully accessible", "Totalmente accesible"),
    ("partial", "Partially accessible", "Parcialmente accesible"),
    ("none", "Not accessible", "No accesible"),
)

QUEUE_LENGTH: tuple[tuple[str, str, str], ...] = (
    ("no_queue", "No queue", "Sin fila"),
    ("short", "Fewer than 20 voters", "Menos de 20 electores"),
    ("medium", "20 to 50 voters", "Entre 20 y 50 electores"),
    ("long", "More than 50 voters", "Más de 50 electores"),
)

INCIDENT_CATEGORIES: tuple[tuple[str, str, str], ...] = (
    ("violence_or_intimidation", "Violence or intimidation", "Violencia o intimidación"),
    ("vote_buying", "Vote buying", "Compra de votos"),
    (
        "obstruction_of_observers",
        "Obstruction of observers",
        "Obstrucción a la labor de observación",
    ),
    ("irregular_procedure", "Irregular procedure", "Procedimiento irregular"),
    ("technology_failure", "Technology failure", "Falla tecnológica"),
    (
        "campaigning_in_station",
        "Campaigning in the polling station",
        "Proselitismo en el local de votación",
    ),
    ("other", "Other", "Otro"),
)

SEVERITIES: tuple[tuple[str, str, str], ...] = (
    ("low", "Low", "Baja"),
    ("medium", "Medium", "Media"),
    ("high", "High", "Alta"),
    ("critical", "Critical", "Crítica"),
)


def _yes_no(qid: str, en: str, es: str, *, required: bool = True, key: bool = False) -> Question:
    return Question(qid, en, es, "yes_no", required, key=key)


def _integer(
    qid: str, en: str, es: str, minimum: int, maximum: int, *, required: bool = True
) -> Question:
    return Question(qid, en, es, "integer", required, minimum=minimum, maximum=maximum)


def _single(
    qid: str,
    en: str,
    es: str,
    choices: tuple[tuple[str, str, str], ...],
    *,
    required: bool = True,
    key: bool = False,
) -> Question:
    return Question(qid, en, es, "single_choice", required, choices=choices, key=key)


def _multiple(
    qid: str, en: str, es: str, choices: tuple[tuple[str, str, str], ...], *, required: bool = False
) -> Question:
    return Question(qid, en, es, "multiple_choice", required, choices=choices)


def _text(qid: str, en: str, es: str, *, required: bool = False) -> Question:
    return Question(qid, en, es, "text", required)


def _time(qid: str, en: str, es: str, *, required: bool = True) -> Question:
    return Question(qid, en, es, "time", required)


def _assessment(qid: str, en: str, es: str) -> Question:
    return _single(qid, en, es, ASSESSMENT, required=True, key=True)


def _party_agents(qid: str) -> Question:
    return _multiple(
        qid,
        "Which party or candidate agents were present?",
        "¿Qué fiscales de partidos políticos o candidaturas estaban presentes?",
        PARTY_AGENTS,
    )


OPENING = Checklist(
    key="opening",
    phase="opening",
    title_en="Opening of the polling station",
    title_es="Apertura de la mesa de votación",
    questions=(
        _time(
            "opening_arrival_time",
            "Time of arrival at the polling station",
            "Hora de llegada a la mesa de votación",
        ),
        _time(
            "opening_time",
            "At what time did the polling station open to voters?",
            "¿A qué hora abrió la mesa de votación a los electores?",
            required=False,
        ),
        _yes_no(
            "opened_on_time",
            "Did the polling station open at the established time?",
            "¿La mesa de votación abrió a la hora establecida?",
            key=True,
        ),
        _integer(
            "staff_present",
            "How many polling station members were present?",
            "¿Cuántos miembros de mesa estaban presentes?",
            0,
            MAX_STAFF,
        ),
        _party_agents("party_agents_present"),
        _yes_no(
            "materials_complete",
            "Were all essential electoral materials present and complete?",
            "¿Estaban presentes y completos todos los materiales electorales esenciales?",
            key=True,
        ),
        _yes_no(
            "ballot_box_shown_empty_sealed",
            "Was the ballot box shown to be empty and then sealed before voting began?",
            "¿Se mostró la urna vacía y se selló antes del inicio de la votación?",
            key=True,
        ),
        _yes_no(
            "booths_ensure_secrecy",
            "Were the voting booths set up so as to guarantee the secrecy of the vote?",
            "¿Las cabinas de votación estaban dispuestas de modo que garantizaran el secreto"
            " del voto?",
        ),
        _yes_no(
            "opening_procedures_followed",
            "Were the opening procedures established by the electoral law followed?",
            "¿Se siguieron los procedimientos de apertura establecidos en la normativa electoral?",
        ),
        _yes_no(
            "observers_allowed_opening",
            "Were observers able to follow the opening without restrictions?",
            "¿Pudieron los observadores presenciar la apertura sin restricciones?",
        ),
        _assessment(
            "opening_assessment",
            "How do you assess the opening process overall?",
            "¿Cómo valora en general el proceso de apertura?",
        ),
        _text(
            "opening_comments",
            "Additional comments on the opening",
            "Comentarios adicionales sobre la apertura",
        ),
    ),
)

VOTING = Checklist(
    key="voting",
    phase="voting",
    title_en="Voting",
    title_es="Votación",
    questions=(
        _time(
            "voting_arrival_time",
            "Time of arrival at the polling station",
            "Hora de llegada a la mesa de votación",
        ),
        _single(
            "queue_length",
            "How long was the queue of voters outside the polling station?",
            "¿Qué longitud tenía la fila de electores fuera de la mesa de votación?",
            QUEUE_LENGTH,
        ),
        _party_agents("party_agents_present_voting"),
        _yes_no(
            "identity_checked",
            "Did the polling staff check the identity document of every voter?",
            "¿Los miembros de mesa verificaron el documento de identidad de cada elector?",
            key=True,
        ),
        _yes_no(
            "secrecy_guaranteed",
            "Was the secrecy of the vote guaranteed?",
            "¿Se garantizó el secreto del voto?",
            key=True,
        ),
        _integer(
            "voters_turned_away",
            "How many voters were not allowed to vote during your observation?",
            "¿A cuántos electores no se les permitió votar durante su observación?",
            0,
            500,
        ),
        _yes_no(
            "assisted_voting_procedures_followed",
            "Were the procedures for assisted voting followed?",
            "¿Se siguieron los procedimientos de voto asistido?",
            required=False,
        ),
        _single(
            "accessibility_disabilities",
            "Was the polling station accessible to persons with disabilities?",
            "¿La mesa de votación era accesible para las personas con discapacidad?",
            ACCESSIBILITY,
        ),
        _yes_no(
            "security_inside",
            "Were police or security forces present inside the polling station?",
            "¿Había presencia policial o de fuerzas de seguridad dentro del local de votación?",
        ),
        _yes_no(
            "campaign_material_nearby",
            "Was there campaign material in or near the polling station?",
            "¿Había propaganda electoral dentro o en las inmediaciones del local de votación?",
        ),
        _yes_no(
            "intimidation_observed",
            "Did you observe any intimidation of or pressure on voters?",
            "¿Observó intimidación o presión sobre los electores?",
            key=True,
        ),
        _integer(
            "voters_by_noon",
            "How many voters had voted by 12:00?",
            "¿Cuántos electores habían votado hasta las 12:00?",
            0,
            MAX_VOTERS,
            required=False,
        ),
        _assessment(
            "voting_assessment",
            "How do you assess the voting process overall?",
            "¿Cómo valora en general el proceso de votación?",
        ),
        _text(
            "voting_comments",
            "Additional comments on the voting",
            "Comentarios adicionales sobre la votación",
        ),
    ),
)

CLOSING = Checklist(
    key="closing",
    phase="closing",
    title_en="Closing of the polling station",
    title_es="Cierre de la mesa de votación",
    questions=(
        _time(
            "closing_time",
            "At what time did the polling station close?",
            "¿A qué hora cerró la mesa de votación?",
        ),
        _yes_no(
            "closed_on_time",
            "Did the polling station close at the established time?",
            "¿La mesa de votación cerró a la hora establecida?",
            key=True,
        ),
        _single(
            "queue_voters_allowed",
            "Were the voters queuing at closing time allowed to vote?",
            "¿Se permitió votar a los electores que estaban en la fila a la hora de cierre?",
            (
                ("all_allowed", "Yes, all of them", "Sí, a todos"),
                ("some_allowed", "Only some of them", "Solo a algunos"),
                ("none_allowed", "None of them", "A ninguno"),
                ("no_queue", "There was no queue", "No había fila"),
            ),
            key=True,
        ),
        _yes_no(
            "ballot_box_slot_sealed",
            "Was the ballot box slot sealed after the last voter had voted?",
            "¿Se selló la ranura de la urna después de que votara el último elector?",
        ),
        _yes_no(
            "observers_allowed_closing",
            "Were observers and party agents allowed to remain for the closing?",
            "¿Se permitió a los observadores y fiscales de partidos permanecer durante el cierre?",
        ),
        _yes_no(
            "closing_procedures_followed",
            "Were the closing procedures established by the electoral law followed?",
            "¿Se siguieron los procedimientos de cierre establecidos en la normativa electoral?",
        ),
        _assessment(
            "closing_assessment",
            "How do you assess the closing process overall?",
            "¿Cómo valora en general el proceso de cierre?",
        ),
        _text(
            "closing_comments",
            "Additional comments on the closing",
            "Comentarios adicionales sobre el cierre",
        ),
    ),
)

COUNTING = Checklist(
    key="counting",
    phase="counting",
    title_en="Counting of votes",
    title_es="Escrutinio de los votos",
    questions=(
        _time(
            "count_start_time",
            "At what time did the count begin?",
            "¿A qué hora comenzó el escrutinio?",
        ),
        _yes_no(
            "unused_ballots_counted_cancelled",
            "Were the unused ballots counted and cancelled before the ballot box was opened?",
            "¿Se contaron e inutilizaron las papeletas no utilizadas antes de abrir la urna?",
        ),
        _integer(
            "voters_in_register",
            "According to the voter list, how many voters voted?",
            "Según el padrón electoral, ¿cuántos electores votaron?",
            0,
            MAX_VOTERS,
        ),
        _integer(
            "ballots_in_box",
            "How many ballots were found in the ballot box?",
            "¿Cuántas papeletas se encontraron en la urna?",
            0,
            MAX_VOTERS,
        ),
        _yes_no(
            "results_match_voters",
            "Did the number of ballots match the number of voters who voted?",
            "¿Coincidió el número de papeletas con el número de electores que votaron?",
            key=True,
        ),
        _yes_no(
            "ballot_validity_consistent",
            "Were decisions on the validity of ballots reasonable and consistent?",
            "¿Las decisiones sobre la validez de las papeletas fueron razonables y coherentes?",
        ),
        _party_agents("party_agents_present_counting"),
        _yes_no(
            "observers_clear_view_count",
            "Could observers see clearly how each ballot was marked?",
            "¿Pudieron los observadores ver con claridad cómo estaba marcada cada papeleta?",
        ),
        _single(
            "disputes_recorded",
            "Were disputes and complaints recorded in the official record?",
            "¿Se registraron en el acta las impugnaciones y reclamaciones?",
            (
                ("no_disputes", "There were no disputes", "No hubo impugnaciones"),
                ("all_recorded", "Yes, all of them", "Sí, todas"),
                ("some_recorded", "Only some of them", "Solo algunas"),
                ("none_recorded", "None of them", "Ninguna"),
            ),
        ),
        _yes_no(
            "tally_sheet_posted",
            "Was a copy of the tally sheet posted publicly at the polling station?",
            "¿Se colocó una copia del acta de escrutinio en un lugar visible del local de"
            " votación?",
            key=True,
        ),
        _yes_no(
            "tally_copies_to_agents",
            "Were copies of the tally sheet given to the party agents?",
            "¿Se entregaron copias del acta de escrutinio a los fiscales de partidos?",
        ),
        _assessment(
            "counting_assessment",
            "How do you assess the counting process overall?",
            "¿Cómo valora en general el proceso de escrutinio?",
        ),
    ),
)

INCIDENT = Checklist(
    key="incident",
    phase="incident",
    title_en="Incident report",
    title_es="Informe de incidente",
    questions=(
        _time(
            "incident_time",
            "At what time did the incident occur?",
            "¿A qué hora ocurrió el incidente?",
        ),
        _single(
            "incident_category",
            "What kind of incident was it?",
            "¿De qué tipo de incidente se trata?",
            INCIDENT_CATEGORIES,
            key=True,
        ),
        _single(
            "incident_severity",
            "How serious was the incident?",
            "¿Qué gravedad tuvo el incidente?",
            SEVERITIES,
            key=True,
        ),
        _text(
            "incident_description",
            "Describe what happened, who was involved and what action was taken.",
            "Describa lo ocurrido, quiénes estuvieron involucrados y qué medidas se tomaron.",
            required=True,
        ),
        _yes_no(
            "incident_witnessed",
            "Did you witness the incident directly?",
            "¿Presenció usted directamente el incidente?",
        ),
        _yes_no(
            "voting_interrupted",
            "Was voting interrupted as a result of the incident?",
            "¿Se interrumpió la votación a causa del incidente?",
            key=True,
        ),
        _yes_no(
            "authorities_informed",
            "Were the electoral or police authorities informed?",
            "¿Se informó a las autoridades electorales o policiales?",
            required=False,
        ),
    ),
)

# Which answers signal a problem. Most yes/no questions ask whether something was done as
# it should be, so "no" is the concern; these ask whether something wrong was seen.
_WRONG_SEEN = {
    "security_inside",
    "campaign_material_nearby",
    "intimidation_observed",
    "voting_interrupted",
    "unlisted_voters_allowed",
    "family_voting",
    "ballot_photographed",
    "multiple_voting",
    "vote_buying_observed",
    "unauthorized_persons",
    # and of the instruments filed before the vote
    "lt_public_resources_misused",
    "lt_violence_reported",
    "gen_violence_against_women",
    "pf_public_resources_misused",
    "med_journalists_harassed",
    "med_disinformation",
}
# Yes/no questions that record a fact, neither good nor bad news.
_FACTS = {
    "incident_witnessed",
    "authorities_informed",
    "president_woman",
    "domestic_observers_present",
    "international_observers_present",
    "signposted",
    "voter_list_displayed",
    # and of the instruments filed before the vote
    "gen_quota_or_parity_law",
    "pf_public_funding",
    "pf_spending_limits",
    "pf_donations_limited",
    "med_free_airtime",
    "just_decisions_published",
    "urg_materials_in_languages",
    "urg_reserved_seats",
}
_POOR = ("poor", "very_poor")
_LOW = ("low", "none")
_CONCERN_CHOICES: dict[str, tuple[str, ...]] = {
    "opening_assessment": _POOR,
    "voting_assessment": _POOR,
    "closing_assessment": _POOR,
    "counting_assessment": _POOR,
    "accessibility_disabilities": ("none",),
    "queue_voters_allowed": ("some_allowed", "none_allowed"),
    "disputes_recorded": ("some_recorded", "none_recorded"),
    "incident_severity": ("high", "critical"),
    "procedures_applied": ("rarely",),
    # the instruments' levels (high, medium, low, none)
    "gen_media_visibility": _LOW,
    "pf_oversight_capacity": _LOW,
    "med_coverage_balance": _LOW,
    "tech_public_confidence": _LOW,
    "just_perceived_independence": _LOW,
    "urg_candidates_presence": _LOW,
}


def _concerns(question: Question) -> tuple[str, ...]:
    plain = question.id.removeprefix("vf_")
    if question.type == "yes_no":
        return () if plain in _FACTS else ("yes",) if plain in _WRONG_SEEN else ("no",)
    return _CONCERN_CHOICES.get(plain, ())


def _marked(checklist: Checklist) -> Checklist:
    """The checklist with the answers that signal a problem marked on each question."""
    marked = tuple(replace(q, concern=_concerns(q)) for q in checklist.questions)
    return replace(checklist, questions=marked)


STANDARD_CHECKLISTS: tuple[Checklist, ...] = tuple(
    _marked(c) for c in (OPENING, VOTING, CLOSING, COUNTING, INCIDENT)
)


def _vf(question: Question) -> Question:
    """The voting question under the long form's own id."""
    return replace(question, id=f"vf_{question.id}")


# The long voting form adds the questions of a full-length observer checklist.
_VF_EXTRA: tuple[Question, ...] = (
    _yes_no(
        "vf_location_appropriate",
        "Was the polling station located in an appropriate, neutral place?",
        "¿El local de votación se encontraba en un lugar adecuado y neutral?",
    ),
    _yes_no(
        "vf_signposted",
        "Was the polling station clearly signposted?",
        "¿El local de votación estaba debidamente señalizado?",
        required=False,
    ),
    _yes_no(
        "vf_voter_list_displayed",
        "Was the voter list displayed at the polling station?",
        "¿Estaba expuesto el padrón electoral en la mesa de votación?",
        required=False,
    ),
    _integer(
        "vf_registered_voters",
        "How many voters are registered at this polling station?",
        "¿Cuántos electores están inscritos en esta mesa de votación?",
        0,
        MAX_VOTERS,
    ),
    _integer(
        "vf_staff_present",
        "How many polling station members were present?",
        "¿Cuántos miembros de mesa estaban presentes?",
        0,
        MAX_STAFF,
    ),
    _integer(
        "vf_women_staff",
        "How many of the polling station members present were women?",
        "¿Cuántos de los miembros de mesa presentes eran mujeres?",
        0,
        MAX_STAFF,
    ),
    _yes_no(
        "vf_president_woman",
        "Was the president of the polling station a woman?",
        "¿La presidencia de la mesa de votación estaba a cargo de una mujer?",
    ),
    _yes_no(
        "vf_domestic_observers_present",
        "Were domestic observers present?",
        "¿Había observadores nacionales presentes?",
    ),
    _yes_no(
        "vf_international_observers_present",
        "Were other international observers present?",
        "¿Había otros observadores internacionales presentes?",
        required=False,
    ),
    _yes_no(
        "vf_ink_checked",
        "Were voters' fingers checked for indelible ink?",
        "¿Se verificó que los electores no tuvieran tinta indeleble en el dedo?",
        required=False,
    ),
    _yes_no(
        "vf_ink_applied",
        "Was indelible ink applied to every voter after voting?",
        "¿Se aplicó tinta indeleble a cada elector después de votar?",
        required=False,
    ),
    _yes_no(
        "vf_voters_signed_list",
        "Did every voter sign or fingerprint the voter list?",
        "¿Cada elector firmó o puso su huella en el padrón electoral?",
    ),
    _yes_no(
        "vf_ballots_stamped",
        "Were ballots stamped or signed before being handed to voters?",
        "¿Se sellaron o firmaron las papeletas antes de entregarlas a los electores?",
    ),
    _yes_no(
        "vf_unlisted_voters_allowed",
        "Were persons not on the voter list allowed to vote?",
        "¿Se permitió votar a personas que no figuraban en el padrón electoral?",
    ),
    _yes_no(
        "vf_family_voting",
        "Did you observe family or group voting?",
        "¿Observó voto familiar o colectivo?",
    ),
    _yes_no(
        "vf_ballot_photographed",
        "Did you observe voters photographing their marked ballots?",
        "¿Observó a electores fotografiando su papeleta marcada?",
    ),
    _yes_no(
        "vf_multiple_voting",
        "Did you observe any attempt at multiple voting?",
        "¿Observó algún intento de voto múltiple?",
    ),
    _yes_no(
        "vf_vote_buying_observed",
        "Did you observe any indication of vote buying?",
        "¿Observó indicios de compra de votos?",
    ),
    _yes_no(
        "vf_unauthorized_persons",
        "Were unauthorized persons present inside the polling station?",
        "¿Había personas no autorizadas dentro del local de votación?",
    ),
    _yes_no(
        "vf_seals_intact",
        "Were the ballot box seals intact?",
        "¿Estaban intactos los precintos de la urna?",
    ),
    _integer(
        "vf_complaints_filed",
        "How many formal complaints were filed during your observation?",
        "¿Cuántas reclamaciones formales se presentaron durante su observación?",
        0,
        50,
        required=False,
    ),
    _yes_no(
        "vf_ballots_sufficient",
        "Were there enough ballots for the voters still to vote?",
        "¿Había papeletas suficientes para los electores que aún no habían votado?",
    ),
    _single(
        "vf_procedures_applied",
        "How consistently did the polling staff apply the voting procedures?",
        "¿Con qué regularidad aplicaron los miembros de mesa los procedimientos de votación?",
        (
            ("always", "Always", "Siempre"),
            ("mostly", "Mostly", "En la mayoría de los casos"),
            ("rarely", "Rarely", "Rara vez"),
        ),
    ),
    _yes_no(
        "vf_voters_understood",
        "Did voters appear to understand the voting procedure?",
        "¿Los electores parecían comprender el procedimiento de votación?",
    ),
    _yes_no(
        "vf_observers_unrestricted",
        "Were you able to observe all stages of the voting without restrictions?",
        "¿Pudo observar todas las etapas de la votación sin restricciones?",
    ),
    _time(
        "vf_departure_time",
        "Time of departure from the polling station",
        "Hora de salida de la mesa de votación",
    ),
)

BENCH_CHECKLIST = _marked(
    Checklist(
        key="voting_full",
        phase="voting",
        title_en="Voting (full checklist)",
        title_es="Votación (lista de verificación completa)",
        questions=(
            *(_vf(question) for question in VOTING.questions[:-2]),
            *_VF_EXTRA,
            *(_vf(question) for question in VOTING.questions[-2:]),
        ),
    )
)


# --- before election day: the long-term observers' report and the specialists' instruments
#
# Filed for an area (a long-term observer's region or municipality, every week or so) or
# for the whole mission (a specialist's assessment of their theme), in the weeks before
# and after the vote. Each instrument asks what DECO's thematic methodologies look at.

_LEVELS: tuple[tuple[str, str, str], ...] = (
    ("high", "High", "Alto"),
    ("medium", "Medium", "Medio"),
    ("low", "Low", "Bajo"),
    ("none", "None", "Ninguno"),
)


def _findings(qid: str) -> Question:
    """An instrument's closing question: what the specialist found, and would recommend."""
    return _text(
        qid,
        "Findings and possible recommendations",
        "Hallazgos y posibles recomendaciones",
        required=True,
    )


LONG_TERM_REPORT = Checklist(
    key="long_term_report",
    phase="long_term",
    title_en="Long-term observer's periodic report",
    title_es="Informe periódico del observador de largo plazo",
    scope="area",
    questions=(
        _integer(
            "lt_week",
            "How many weeks before election day does this report end? (0: election week)",
            "¿Cuántas semanas antes de la jornada termina este informe? (0: semana electoral)",
            0,
            26,
        ),
        _assessment(
            "lt_preparations",
            "How do you assess the electoral preparations in your area?",
            "¿Cómo valora los preparativos electorales en su área?",
        ),
        _yes_no(
            "lt_materials_on_schedule",
            "Are electoral materials being distributed on schedule?",
            "¿Se distribuye el material electoral según el calendario?",
        ),
        _yes_no(
            "lt_poll_workers_trained",
            "Have polling station staff been trained?",
            "¿Se ha capacitado al personal de las mesas de votación?",
        ),
        _yes_no(
            "lt_campaign_freely",
            "Can parties and candidates campaign freely in your area?",
            "¿Pueden los partidos y candidaturas hacer campaña libremente en su área?",
            key=True,
        ),
        _yes_no(
            "lt_public_resources_misused",
            "Did you see public resources used for a campaign?",
            "¿Observó el uso de recursos públicos en alguna campaña?",
            key=True,
        ),
        _yes_no(
            "lt_violence_reported",
            "Were acts of political violence or intimidation reported?",
            "¿Se informaron actos de violencia o intimidación política?",
            key=True,
        ),
        _integer(
            "lt_interlocutors_met",
            "How many interlocutors did you meet this period?",
            "¿Con cuántos interlocutores se reunió en este período?",
            0,
            200,
        ),
        _text(
            "lt_summary",
            "Summary of the period and points to follow",
            "Resumen del período y puntos a seguir",
            required=True,
        ),
    ),
)

GENDER = Checklist(
    key="gender",
    phase="long_term",
    title_en="Gender: political participation of women",
    title_es="Género: participación política de las mujeres",
    scope="mission",
    theme="gender",
    questions=(
        _yes_no(
            "gen_quota_or_parity_law",
            "Does the law require a quota or parity of women on candidate lists?",
            "¿Exige la ley una cuota o paridad de mujeres en las listas de candidaturas?",
        ),
        _yes_no(
            "gen_lists_comply",
            "Did the registered lists comply with it?",
            "¿Cumplieron las listas inscritas con esa exigencia?",
            key=True,
        ),
        _integer(
            "gen_women_candidates_pct",
            "Women among the registered candidates (%)",
            "Mujeres entre las candidaturas inscritas (%)",
            0,
            100,
        ),
        _integer(
            "gen_women_electoral_body_pct",
            "Women among the members of the electoral body (%)",
            "Mujeres entre los integrantes del órgano electoral (%)",
            0,
            100,
        ),
        _yes_no(
            "gen_violence_against_women",
            "Were cases of political violence against women reported?",
            "¿Se denunciaron casos de violencia política contra las mujeres?",
            key=True,
        ),
        _single(
            "gen_media_visibility",
            "How visible were women candidates in the media?",
            "¿Qué visibilidad tuvieron las candidatas en los medios?",
            _LEVELS,
        ),
        _findings("gen_findings"),
    ),
)

POLITICAL_FINANCING = Checklist(
    key="political_financing",
    phase="long_term",
    title_en="Political financing",
    title_es="Financiamiento político-electoral",
    scope="mission",
    theme="political_financing",
    questions=(
        _yes_no(
            "pf_public_funding",
            "Do parties receive public funding?",
            "¿Reciben los partidos financiamiento público?",
        ),
        _yes_no(
            "pf_spending_limits",
            "Does the law set limits on campaign spending?",
            "¿Fija la ley límites a los gastos de campaña?",
        ),
        _yes_no(
            "pf_donations_limited",
            "Are private donations limited or their sources restricted?",
            "¿Se limitan las donaciones privadas o se restringen sus fuentes?",
        ),
        _yes_no(
            "pf_reports_published",
            "Are parties' financial reports published?",
            "¿Se publican los informes financieros de los partidos?",
            key=True,
        ),
        _single(
            "pf_oversight_capacity",
            "What capacity does the oversight body have to audit and sanction?",
            "¿Qué capacidad tiene el órgano de control para fiscalizar y sancionar?",
            _LEVELS,
            key=True,
        ),
        _yes_no(
            "pf_public_resources_misused",
            "Were state resources used for campaigning?",
            "¿Se usaron recursos del Estado para hacer campaña?",
            key=True,
        ),
        _findings("pf_findings"),
    ),
)

MEDIA = Checklist(
    key="media",
    phase="long_term",
    title_en="Media and the electoral process",
    title_es="Medios de comunicación y proceso electoral",
    scope="mission",
    theme="media",
    questions=(
        _integer(
            "med_outlets_monitored",
            "How many media outlets were monitored?",
            "¿Cuántos medios de comunicación se monitorearon?",
            0,
            500,
        ),
        _yes_no(
            "med_free_airtime",
            "Do parties get free airtime on public or private media?",
            "¿Reciben los partidos espacios gratuitos en medios públicos o privados?",
        ),
        _single(
            "med_coverage_balance",
            "How balanced was the coverage of the contestants?",
            "¿Qué equilibrio tuvo la cobertura de las candidaturas?",
            _LEVELS,
            key=True,
        ),
        _yes_no(
            "med_journalists_harassed",
            "Were journalists harassed or attacked?",
            "¿Se hostigó o agredió a periodistas?",
            key=True,
        ),
        _yes_no(
            "med_disinformation",
            "Did disinformation campaigns target the process or the electoral body?",
            "¿Hubo campañas de desinformación contra el proceso o el órgano electoral?",
            key=True,
        ),
        _yes_no(
            "med_silence_respected",
            "Was the pre-election silence period respected?",
            "¿Se respetó el período de silencio electoral?",
        ),
        _findings("med_findings"),
    ),
)

ELECTORAL_TECHNOLOGY = Checklist(
    key="electoral_technology",
    phase="long_term",
    title_en="Electoral technology",
    title_es="Tecnología electoral",
    scope="mission",
    theme="electoral_technology",
    questions=(
        _multiple(
            "tech_used",
            "Which technologies does the process use?",
            "¿Qué tecnologías utiliza el proceso?",
            (
                (
                    "biometric_identification",
                    "Biometric identification",
                    "Identificación biométrica",
                ),
                ("electronic_voting", "Electronic voting", "Voto electrónico"),
                ("results_transmission", "Results transmission", "Transmisión de resultados"),
                ("voter_register", "Electronic voter register", "Padrón electrónico"),
            ),
        ),
        _yes_no(
            "tech_audits_open",
            "Were the audits of software and equipment open to parties and observers?",
            "¿Estuvieron las auditorías de software y equipos abiertas a partidos y observadores?",
            key=True,
        ),
        _yes_no(
            "tech_paper_trail",
            "Does every vote leave a paper record that can be recounted?",
            "¿Deja cada voto un registro en papel que pueda recontarse?",
        ),
        _yes_no(
            "tech_contingency_plan",
            "Is there a contingency plan if equipment fails?",
            "¿Existe un plan de contingencia si fallan los equipos?",
        ),
        _single(
            "tech_public_confidence",
            "How much confidence do contestants express in the technology?",
            "¿Qué confianza expresan las candidaturas en la tecnología?",
            _LEVELS,
            key=True,
        ),
        _findings("tech_findings"),
    ),
)

ELECTORAL_JUSTICE = Checklist(
    key="electoral_justice",
    phase="long_term",
    title_en="Electoral justice",
    title_es="Justicia electoral",
    scope="mission",
    theme="electoral_justice",
    questions=(
        _integer(
            "just_complaints_filed",
            "How many electoral complaints or appeals have been filed?",
            "¿Cuántas denuncias o recursos electorales se han presentado?",
            0,
            100_000,
        ),
        _integer(
            "just_complaints_resolved",
            "How many of them have been resolved?",
            "¿Cuántos de ellos se han resuelto?",
            0,
            100_000,
        ),
        _yes_no(
            "just_deadlines_met",
            "Are complaints resolved within the legal deadlines?",
            "¿Se resuelven las denuncias dentro de los plazos legales?",
            key=True,
        ),
        _yes_no(
            "just_decisions_published",
            "Are the decisions published?",
            "¿Se publican las resoluciones?",
        ),
        _single(
            "just_perceived_independence",
            "How independent do contestants consider the electoral courts?",
            "¿Qué independencia atribuyen las candidaturas a los tribunales electorales?",
            _LEVELS,
            key=True,
        ),
        _findings("just_findings"),
    ),
)

UNDERREPRESENTED_GROUPS = Checklist(
    key="underrepresented_groups",
    phase="long_term",
    title_en="Participation of underrepresented groups",
    title_es="Participación de grupos subrepresentados",
    scope="mission",
    theme="underrepresented_groups",
    questions=(
        _multiple(
            "urg_groups_considered",
            "Which groups does this report consider?",
            "¿Qué grupos considera este informe?",
            (
                ("indigenous_peoples", "Indigenous peoples", "Pueblos indígenas"),
                ("afro_descendants", "Afro-descendants", "Personas afrodescendientes"),
                (
                    "persons_with_disabilities",
                    "Persons with disabilities",
                    "Personas con discapacidad",
                ),
                ("youth", "Young people", "Personas jóvenes"),
                ("voters_abroad", "Voters abroad", "Electores en el exterior"),
            ),
            required=True,
        ),
        _yes_no(
            "urg_materials_in_languages",
            "Are voter information materials available in indigenous languages?",
            "¿Hay materiales de información al elector en lenguas indígenas?",
        ),
        _yes_no(
            "urg_accessible_voting",
            "Can persons with disabilities vote independently and in secret?",
            "¿Pueden votar las personas con discapacidad de forma autónoma y secreta?",
            key=True,
        ),
        _yes_no(
            "urg_reserved_seats",
            "Does the law reserve seats or list places for these groups?",
            "¿Reserva la ley escaños o lugares en las listas para estos grupos?",
        ),
        _single(
            "urg_candidates_presence",
            "How present are members of these groups among the candidates?",
            "¿Qué presencia tienen integrantes de estos grupos entre las candidaturas?",
            _LEVELS,
            key=True,
        ),
        _findings("urg_findings"),
    ),
)


# The long-term observers' report and one instrument for each theme the specialists follow
# (DESIGN §1's resolution names them): the rest of the standard set DECO copies.
FIELD_INSTRUMENTS: tuple[Checklist, ...] = tuple(
    _marked(c)
    for c in (
        LONG_TERM_REPORT,
        GENDER,
        POLITICAL_FINANCING,
        MEDIA,
        ELECTORAL_TECHNOLOGY,
        ELECTORAL_JUSTICE,
        UNDERREPRESENTED_GROUPS,
    )
)
