"""Version 1 of the code of conduct that every EOM database starts with, in English and Spanish.

The items paraphrase the "Code of Conduct for International Election Observers" that
accompanies the Declaration of Principles for International Election Observation
(United Nations, 27 October 2005), which the OAS endorsed: its ten obligations in the
code's own order, then the observer's pledge to follow the code and a declaration of no
conflict of interest (see DESIGN.md §2, "Code of conduct").

This text is frozen. A migration copies it into the database as version 1, and
acknowledgements refer to those stored items, so editing this file would change nothing
already deployed and would make fresh databases disagree with existing ones. A new
version of the code is published through the conduct service, never by editing this file.
"""

from typing import Final

# (key, kind, text_en, text_es) in order. kind is "obligation", "pledge" or "declaration".
CODE_OF_CONDUCT_V1: Final[tuple[tuple[str, str, str, str], ...]] = (
    (
        "respect_sovereignty",
        "obligation",
        "Respect sovereignty and international human rights. Respect the sovereignty of the "
        "host country and the human rights and fundamental freedoms of its people.",
        "Respetar la soberanía y los derechos humanos internacionales. Respetar la soberanía "
        "del país anfitrión, así como los derechos humanos y las libertades fundamentales de "
        "su pueblo.",
    ),
    (
        "respect_laws",
        "obligation",
        "Respect the laws of the country and the authority of electoral bodies. Follow the "
        "lawful instructions of the host country's governmental, security and electoral "
        "authorities, keep a respectful attitude toward them, and note where laws or "
        "officials unduly burden the exercise of election-related rights.",
        "Respetar las leyes del país y la autoridad de los órganos electorales. Acatar las "
        "instrucciones legítimas de las autoridades gubernamentales, de seguridad y "
        "electorales del país anfitrión, mantener una actitud respetuosa hacia ellas y dejar "
        "constancia de las leyes o actuaciones que obstaculicen indebidamente el ejercicio de "
        "los derechos electorales.",
    ),
    (
        "respect_mission_integrity",
        "obligation",
        "Respect the integrity of the international election observation mission. Follow "
        "this code and the mission's written and verbal instructions, attend its required "
        "briefings and debriefings, adhere to its methodology, and report to its leadership "
        "any conflict of interest or improper behaviour by other observers.",
        "Respetar la integridad de la misión internacional de observación electoral. Cumplir "
        "este código y las instrucciones escritas y verbales de la misión, asistir a las "
        "sesiones informativas y de evaluación requeridas, seguir su metodología e informar "
        "a su dirección de todo conflicto de intereses o conducta indebida de otros "
        "observadores.",
    ),
    (
        "impartiality",
        "obligation",
        "Maintain strict political impartiality at all times. Show no bias toward authorities, "
        "parties, candidates or contested issues, including in leisure time, and do nothing "
        "that could be seen as favouring a competitor, such as wearing partisan symbols or "
        "accepting anything of value from political competitors.",
        "Mantener una estricta imparcialidad política en todo momento. No manifestar "
        "preferencia alguna respecto de autoridades, partidos, candidaturas o cuestiones en "
        "disputa, incluso en el tiempo libre, y abstenerse de todo acto que pueda percibirse "
        "como favorable a un contendiente, como portar símbolos partidarios o aceptar objetos "
        "de valor de los contendientes.",
    ),
    (
        "no_obstruction",
        "obligation",
        "Do not obstruct election processes. Bring irregularities to the attention of "
        "officials on the spot, unless the law forbids it, without obstructing any stage of "
        "the process, ask questions without directing it, and never ask voters how they voted.",
        "No obstaculizar los procesos electorales. Señalar las irregularidades a los "
        "funcionarios en el lugar, salvo que la ley lo prohíba, sin obstaculizar ninguna "
        "etapa del proceso, formular preguntas sin pretender dirigirlo y no preguntar nunca a "
        "los electores por quién o por qué opción votaron.",
    ),
    (
        "identification",
        "obligation",
        "Provide appropriate identification. Display the identification provided by the "
        "mission and any required by the national authorities, and present it to electoral "
        "officials and other authorities who ask for it.",
        "Portar la identificación correspondiente. Exhibir la identificación proporcionada "
        "por la misión y la exigida por las autoridades nacionales, y presentarla a los "
        "funcionarios electorales y demás autoridades que la soliciten.",
    ),
    (
        "accuracy",
        "obligation",
        "Maintain accuracy of observations and professionalism in drawing conclusions. Record "
        "observations accurately and comprehensively, positive and negative, base every "
        "conclusion on factual and verifiable evidence rather than drawing it prematurely, "
        "and give the mission a documented record of what was observed and where.",
        "Mantener la exactitud de las observaciones y el profesionalismo al formular "
        "conclusiones. Registrar las observaciones con exactitud y de forma completa, tanto "
        "positivas como negativas, basar toda conclusión en pruebas fácticas y verificables "
        "sin adelantarla, y entregar a la misión un registro documentado de lo observado y "
        "dónde.",
    ),
    (
        "no_public_comment",
        "obligation",
        "Refrain from making comments to the public or the media before the mission speaks. "
        "Make no personal comment on observations or conclusions until the mission has made "
        "its statement, unless its leadership instructs otherwise, and refer the media to "
        "the persons the mission designates.",
        "Abstenerse de hacer comentarios al público o a los medios de comunicación antes de "
        "que la misión se pronuncie. No formular comentarios personales sobre las "
        "observaciones o conclusiones hasta que la misión haya emitido su declaración, salvo "
        "instrucción contraria de su dirección, y remitir a los medios a las personas que la "
        "misión designe.",
    ),
    (
        "cooperate",
        "obligation",
        "Cooperate with other election observers. Be aware of the other international and "
        "domestic observation missions and cooperate with them as the mission's leadership "
        "instructs.",
        "Cooperar con otros observadores electorales. Conocer las demás misiones de "
        "observación, internacionales y nacionales, y cooperar con ellas según las "
        "instrucciones de la dirección de la misión.",
    ),
    (
        "personal_behaviour",
        "obligation",
        "Maintain proper personal behaviour. Respect others and the host country's cultures "
        "and customs, use sound judgement in personal dealings, and keep the highest standard "
        "of professional conduct at all times, including leisure time.",
        "Mantener un comportamiento personal apropiado. Respetar a los demás y las culturas y "
        "costumbres del país anfitrión, actuar con buen criterio en el trato personal y "
        "observar en todo momento, incluso en el tiempo libre, la más alta conducta "
        "profesional.",
    ),
    (
        "pledge",
        "pledge",
        "I have read and understand the Code of Conduct for International Election Observers "
        "provided to me by the OAS Electoral Observation Mission, and I pledge to follow it in "
        "all my activities as an observer, including its requirement of strict political "
        "impartiality at all times, and to abide by the methodology and instructions of the "
        "mission.",
        "Declaro que he leído y comprendo el Código de Conducta para Observadores "
        "Internacionales de Elecciones que me ha proporcionado la Misión de Observación "
        "Electoral de la OEA, y me comprometo a cumplirlo en todas mis actividades de "
        "observación, incluida su exigencia de estricta imparcialidad política en todo "
        "momento, y a atenerme a la metodología y a las instrucciones de la misión.",
    ),
    (
        "no_conflict_of_interest",
        "declaration",
        "I declare that I have no conflict of interest: no political, economic or other "
        "relationship with the parties, candidates, government or electoral bodies of the "
        "host country, and no other interest that could interfere with my impartial "
        "observation. I will inform the chief of mission at once if one arises.",
        "Declaro que no tengo ningún conflicto de intereses: ninguna relación política, "
        "económica o de otra índole con los partidos, las candidaturas, el gobierno o los "
        "órganos electorales del país anfitrión, ni otro interés que pueda interferir con mi "
        "observación imparcial. Informaré de inmediato al Jefe o la Jefa de Misión si "
        "surgiera alguno.",
    ),
)
