"""The wording of the demo recommendations, in English and Spanish, four on every theme.

Pure data, written in the register of OAS mission reports; ``{body}`` is the country's
electoral body. Each entry: theme, institution addressed, priority, legal level, English,
Spanish.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Wording:
    theme: str
    institution: str
    priority: str
    legal_level: str
    en: str
    es: str


W = Wording
BANK: tuple[Wording, ...] = (
    # electoral organization
    W("electoral_organization", "electoral_body", "high", "administrative",
      "Publish the results of every polling station online, as soon as each tally sheet is "
      "received, so that parties and citizens can check them against their own copies.",
      "Publicar en línea los resultados de cada mesa en cuanto se reciba el acta, para que "
      "los partidos y la ciudadanía puedan cotejarlos con sus propias copias."),
    W("electoral_organization", "electoral_body", "medium", "administrative",
      "Train polling staff earlier and more thoroughly on counting and on filling in tally "
      "sheets, and evaluate the training before election day.",
      "Capacitar con mayor anticipación y profundidad al personal de mesa en el escrutinio y "
      "el llenado de actas, y evaluar la capacitación antes de la jornada."),
    W("electoral_organization", "electoral_body", "high", "regulatory",
      "Audit and clean the voter register with an independent external review, and publish "
      "its findings before the close of the register.",
      "Auditar y depurar el padrón electoral mediante una revisión externa independiente, y "
      "publicar sus hallazgos antes del cierre del padrón."),
    W("electoral_organization", "legislature", "medium", "legal",
      "Set in law the deadlines of the electoral calendar so that the {body} has enough "
      "time to print ballots and train polling staff after candidacies are final.",
      "Fijar por ley los plazos del calendario electoral para que el {body} disponga de "
      "tiempo suficiente para imprimir papeletas y capacitar al personal de mesa una vez "
      "firmes las candidaturas."),
    # electoral technology
    W("electoral_technology", "electoral_body", "high", "administrative",
      "Submit the preliminary results transmission system to an independent technical audit "
      "open to party experts, and publish the audit report.",
      "Someter el sistema de transmisión de resultados preliminares a una auditoría técnica "
      "independiente abierta a técnicos de los partidos, y publicar su informe."),
    W("electoral_technology", "electoral_body", "medium", "administrative",
      "Explain to voters and parties, well before election day, how the preliminary results "
      "system works and why its figures may differ from the official count.",
      "Explicar a la ciudadanía y a los partidos, con suficiente antelación, cómo funciona el "
      "sistema de resultados preliminares y por qué sus cifras pueden diferir del cómputo "
      "oficial."),
    W("electoral_technology", "electoral_body", "high", "regulatory",
      "Adopt a plan for the continuity of the results systems, with tested backups and a "
      "protocol for communicating interruptions to the public.",
      "Adoptar un plan de continuidad de los sistemas de resultados, con respaldos probados "
      "y un protocolo para comunicar al público cualquier interrupción."),
    W("electoral_technology", "legislature", "low", "legal",
      "Regulate by law the certification of the electoral software and the custody of its "
      "source code.",
      "Regular por ley la certificación del software electoral y la custodia de su código "
      "fuente."),
    # political financing
    W("political_financing", "legislature", "high", "legal",
      "Set limits on campaign spending and on private contributions, with sanctions that "
      "deter their breach.",
      "Establecer topes al gasto de campaña y a los aportes privados, con sanciones que "
      "disuadan su incumplimiento."),
    W("political_financing", "electoral_body", "high", "regulatory",
      "Give the {body} the staff and powers to audit party accounts during the campaign, "
      "not only after it.",
      "Dotar al {body} del personal y las facultades necesarias para fiscalizar las cuentas "
      "de los partidos durante la campaña, y no solo después de ella."),
    W("political_financing", "political_parties", "medium", "administrative",
      "Publish the income and expenditure reports of parties and candidates in an open, "
      "searchable format.",
      "Publicar los informes de ingresos y gastos de partidos y candidaturas en un formato "
      "abierto y consultable."),
    W("political_financing", "legislature", "medium", "legal",
      "Ban the use of public resources and government advertising to favour candidates "
      "during the electoral period.",
      "Prohibir el uso de recursos públicos y de la publicidad oficial en favor de "
      "candidaturas durante el período electoral."),
    # gender
    W("gender", "legislature", "high", "legal",
      "Apply parity and alternation to every list of candidates, including the heads of "
      "list, with the rejection of lists that do not comply.",
      "Aplicar la paridad y la alternancia a todas las listas de candidaturas, incluidos los "
      "encabezamientos, con el rechazo de las listas que no cumplan."),
    W("gender", "legislature", "high", "legal",
      "Define political violence against women in law, with a procedure for complaints and "
      "sanctions.",
      "Tipificar en la ley la violencia política contra las mujeres, con un procedimiento de "
      "denuncia y sanciones."),
    W("gender", "political_parties", "medium", "administrative",
      "Earmark part of the public funding of parties for the training and promotion of "
      "women candidates.",
      "Destinar una parte del financiamiento público de los partidos a la capacitación y "
      "promoción de candidatas."),
    W("gender", "electoral_body", "low", "administrative",
      "Publish candidate and results data broken down by sex.",
      "Publicar los datos de candidaturas y resultados desagregados por sexo."),
    # electoral justice
    W("electoral_justice", "judiciary", "high", "legal",
      "Set short, binding deadlines for deciding electoral disputes so that every challenge "
      "is resolved before the results are declared.",
      "Establecer plazos breves y perentorios para resolver las controversias electorales, de "
      "modo que toda impugnación se resuelva antes de la proclamación de resultados."),
    W("electoral_justice", "legislature", "medium", "legal",
      "Unify in one procedural law the remedies available against electoral decisions.",
      "Unificar en una sola ley procesal los recursos disponibles contra las decisiones "
      "electorales."),
    W("electoral_justice", "judiciary", "medium", "administrative",
      "Publish electoral court decisions and their reasoning online within a set time.",
      "Publicar en línea las resoluciones de la justicia electoral y sus fundamentos dentro "
      "de un plazo determinado."),
    W("electoral_justice", "legislature", "high", "constitutional",
      "Guarantee the independence of the members of the electoral bodies through selection "
      "by merit and fixed terms of office.",
      "Garantizar la independencia de los integrantes de los órganos electorales mediante su "
      "selección por méritos y mandatos fijos."),
    # media
    W("media", "legislature", "medium", "legal",
      "Make at least one televised debate between the main presidential candidates "
      "mandatory, organised by the {body}.",
      "Hacer obligatorio al menos un debate televisado entre las principales candidaturas "
      "presidenciales, organizado por el {body}."),
    W("media", "electoral_body", "medium", "regulatory",
      "Monitor the media's coverage of the campaign and publish the findings regularly.",
      "Monitorear la cobertura de la campaña en los medios y publicar sus resultados de "
      "forma periódica."),
    W("media", "electoral_body", "high", "administrative",
      "Agree with digital platforms on measures against electoral disinformation, with "
      "respect for freedom of expression.",
      "Acordar con las plataformas digitales medidas contra la desinformación electoral, con "
      "respeto de la libertad de expresión."),
    W("media", "executive", "low", "administrative",
      "Distribute state advertising among the media by public and objective criteria.",
      "Distribuir la publicidad estatal entre los medios según criterios públicos y "
      "objetivos."),
    # underrepresented groups
    W("underrepresented_groups", "electoral_body", "high", "administrative",
      "Make polling centres accessible to persons with disabilities and offer assisted "
      "voting with guarantees of secrecy.",
      "Hacer accesibles los recintos de votación para las personas con discapacidad y "
      "ofrecer voto asistido con garantías de secreto."),
    W("underrepresented_groups", "electoral_body", "medium", "administrative",
      "Translate voter information into Indigenous languages and broadcast it through "
      "community radio.",
      "Traducir la información electoral a las lenguas indígenas y difundirla por las radios "
      "comunitarias."),
    W("underrepresented_groups", "legislature", "medium", "legal",
      "Make it easier for citizens abroad to register and vote, including by post or "
      "online where secure.",
      "Facilitar la inscripción y el voto de la ciudadanía en el exterior, incluido el voto "
      "postal o por internet donde sea seguro."),
    W("underrepresented_groups", "legislature", "high", "legal",
      "Adopt affirmative measures for the political participation of Afro-descendant and "
      "Indigenous peoples.",
      "Adoptar medidas afirmativas para la participación política de los pueblos "
      "afrodescendientes e indígenas."),
    # political and legal system
    W("political_legal_system", "legislature", "high", "legal",
      "Avoid reforming the electoral rules during the year before an election.",
      "Evitar reformar las reglas electorales durante el año previo a una elección."),
    W("political_legal_system", "legislature", "medium", "legal",
      "Codify the scattered electoral legislation in a single electoral code.",
      "Codificar la legislación electoral dispersa en un único código electoral."),
    W("political_legal_system", "legislature", "medium", "legal",
      "Require internal democratic elections within parties to choose their candidates.",
      "Exigir elecciones internas democráticas en los partidos para escoger a sus "
      "candidaturas."),
    W("political_legal_system", "political_parties", "low", "administrative",
      "Adopt a code of ethics among parties for the campaign, with follow-up by a body they "
      "agree on.",
      "Adoptar entre los partidos un código de ética para la campaña, con seguimiento por una "
      "instancia acordada por ellos."),
    # electoral violence and security
    W("electoral_violence_security", "executive", "high", "administrative",
      "Draw up, with the {body}, a map of electoral risk and a security plan for candidates "
      "and polling centres in the areas most affected.",
      "Elaborar, junto con el {body}, un mapa de riesgo electoral y un plan de seguridad para "
      "candidaturas y recintos en las zonas más afectadas."),
    W("electoral_violence_security", "executive", "high", "administrative",
      "Investigate and prosecute attacks on candidates, journalists and electoral officials.",
      "Investigar y sancionar las agresiones contra candidaturas, periodistas y funcionarios "
      "electorales."),
    W("electoral_violence_security", "electoral_body", "medium", "regulatory",
      "Protect the custody chain of electoral materials from the polling station to the "
      "counting centre, with agents of the parties present.",
      "Proteger la cadena de custodia del material electoral desde la mesa hasta el centro "
      "de cómputo, con presencia de los fiscales de los partidos."),
    W("electoral_violence_security", "legislature", "low", "legal",
      "Regulate the role of the armed forces and the police on election day, under "
      "civilian electoral authority.",
      "Regular el papel de las fuerzas armadas y de la policía en la jornada electoral, bajo "
      "la autoridad electoral civil."),
)  # fmt: skip
