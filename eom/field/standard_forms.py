"""The standard set of election-day observer checklists: DECO copies it into a mission
(`forms.copy_standard_set`), and every demo mission uses it.

Pure data, standard library only. The forms follow what international observer checklists
ask (OAS/DECO, EU EOM, OSCE/ODIHR, The Carter Center): one form each for the opening,
voting, closing and counting at a polling station, and an incident report (DESIGN §2,
"Field reporting"). Question ids are stable snake_case names, unique across the whole set,
so that answers can be aggregated per question across missions.

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
}
_POOR = ("poor", "very_poor")
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
