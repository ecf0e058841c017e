"""Tables for the demo roster: given names and surnames per country, languages, places.

The names are common ones, combined at random by ``seed.roster``; surnames that belong
mostly to one famous person are left out, and ``FAMOUS_NAMES`` lists the well-known
combinations that the generator must never produce.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class NameCulture:
    """How people of one country (or one community of it) are named and what they speak."""

    female: tuple[str, ...]
    male: tuple[str, ...]
    surnames: tuple[str, ...]
    two_surnames: float  # chance of a second (maternal) surname
    languages: tuple[str, ...]  # ISO 639-1, spoken by everyone of this culture
    second_languages: tuple[tuple[str, float], ...] = ()  # (language, chance), in order


def _t(words: str) -> tuple[str, ...]:
    """A tuple of names from a comma-separated string."""
    return tuple(word.strip() for word in words.split(",") if word.strip())


# --- Spanish-speaking America --------------------------------------------------------

_HISPANIC_F = _t(
    "María, Ana, Carmen, Laura, Lucía, Daniela, Gabriela, Patricia, Claudia, Andrea, "
    "Paola, Silvia, Adriana, Carolina, Natalia, Alejandra, Rosa, Isabel, Teresa, "
    "Valeria, Mariana, Elena, Beatriz, Lorena"
)
_HISPANIC_M = _t(
    "José, Juan, Luis, Carlos, Jorge, Miguel, Javier, Fernando, Ricardo, Eduardo, "
    "Andrés, Sergio, Raúl, Alejandro, Manuel, Francisco, Pablo, Héctor, Martín, "
    "Gustavo, Óscar, Rodrigo, Julio, Alberto"
)
_HISPANIC_S = _t(
    "García, Rodríguez, Martínez, López, González, Hernández, Pérez, Sánchez, Ramírez, "
    "Torres, Flores, Rivera, Gómez, Díaz, Morales, Ortiz, Castillo, Jiménez, Vargas, "
    "Romero, Herrera, Medina, Aguilar, Mendoza, Ruiz, Álvarez, Vega, Rojas, Navarro, "
    "Guerrero, Salazar, Molina, Delgado, Cabrera, Ríos, Soto, Contreras, Núñez, "
    "Paredes, Cordero, Ibarra, Espinoza"
)
_LATAM_SECOND = (("en", 0.6), ("fr", 0.15), ("pt", 0.15))


def _hispanic(
    female: str,
    male: str,
    surnames: str,
    two_surnames: float = 0.85,
    extra_languages: tuple[tuple[str, float], ...] = (),
) -> NameCulture:
    """A Spanish-speaking country: the shared names plus its own."""
    return NameCulture(
        female=_HISPANIC_F + _t(female),
        male=_HISPANIC_M + _t(male),
        surnames=_HISPANIC_S + _t(surnames),
        two_surnames=two_surnames,
        languages=("es",),
        second_languages=_LATAM_SECOND + extra_languages,
    )


MX = _hispanic(
    "Guadalupe, Ximena, Fernanda, Itzel, Citlali, Marisol",
    "Arturo, Alfonso, Emiliano, Joaquín, Salvador, Ulises",
    "Zúñiga, Olvera, Tapia, Ávila, Lara, Cuevas, Huerta, Pacheco, Zamora, Bautista, "
    "Velázquez, Téllez, Cruz",
)
GT = _hispanic(
    "Rocío, Mayra, Karla, Ingrid, Heidy",
    "Edgar, Byron, Estuardo, Mynor, Erick",
    "Xol, Tzul, Cux, Ajú, Coyoy, Barrios, Monzón, Orellana, Estrada, Cifuentes, Pineda",
)
HN = _hispanic(
    "Dunia, Iris, Lesly, Wendy",
    "Marvin, Nelson, Wilmer, Osman",
    "Maradiaga, Banegas, Ordóñez, Cálix, Osorio, Mejía, Sevilla, Zepeda, Turcios, Bonilla",
)
SV = _hispanic(
    "Roxana, Jacqueline, Karina",
    "Mauricio, René, Ernesto",
    "Menjívar, Quintanilla, Alvarenga, Portillo, Rivas, Cañas, Henríquez, Orellana",
)
NI = _hispanic(
    "Martha, Auxiliadora, Jessenia",
    "Róger, Harold, Humberto",
    "Lacayo, Somarriba, Urbina, Gutiérrez, Baltodano, Mairena, Mendieta, Arana",
)
CR = _hispanic(
    "Yorleny, Ivannia, Marianela, Sofía",
    "Randall, Esteban, Mauricio, Johnny",
    "Araya, Quesada, Mora, Madrigal, Campos, Brenes, Villalobos, Alfaro, Murillo, Ugalde, Zeledón",
)
PA = _hispanic(
    "Itzel, Yariela, Yaneth",
    "Aristides, Abdiel, Rubén",
    "Batista, De León, Jaén, Castrellón, Barría, Saavedra, Quintero, Samudio, Pinzón",
)
DO = _hispanic(
    "Yokasta, Altagracia, Yesenia, Miguelina",
    "Rafael, Ramón, Wilfredo, Félix",
    "Peña, Báez, Reyes, Féliz, Matos, De los Santos, Almonte, Mejía, Tavárez, Brito, "
    "Pichardo, Encarnación, Polanco",
)
CU = _hispanic(
    "Yamilé, Yanet, Odalys, Mayelín",
    "Yoel, Reinaldo, Osvaldo, Yunior",
    "Cárdenas, Cepero, Valdés, Echevarría, Portuondo",
)
CO = _hispanic(
    "Diana, Catalina, Juliana, Luz Marina, Yolanda",
    "Camilo, Felipe, Andrés Felipe, Jaime, Hernando",
    "Restrepo, Ospina, Londoño, Cárdenas, Zapata, Arango, Giraldo, Quintero, Valencia, "
    "Montoya, Bermúdez, Galvis, Mosquera, Salcedo, Buitrago",
)
VE = _hispanic(
    "Yusmary, Marielena, Zuleima, Yelitza",
    "Yonathan, Leonardo, Nelson, Germán",
    "Briceño, Rangel, Márquez, Escalona, Pernía, Urdaneta, Colmenares, Carrasquero, "
    "Bracho, Linares",
)
EC = _hispanic(
    "Jessica, Mercedes, Tatiana, Ximena",
    "Santiago, Fabián, Patricio, Xavier",
    "Andrade, Cevallos, Zambrano, Moreira, Vera, Carrión, Naranjo, Chiriboga, Proaño, "
    "Villacís, Montalvo, Yánez, Salgado",
)
PE = _hispanic(
    "Milagros, Rocío, Giovanna, Flor, Pilar",
    "César, Walter, Víctor, Percy, Alfredo",
    "Quispe, Huamán, Mamani, Chávez, Ramos, Vásquez, Cáceres, Salinas, Zevallos, "
    "Valdivia, Chumpitaz, Condori, Palomino, Tello",
    extra_languages=(("qu", 0.12),),
)
BO = _hispanic(
    "Roxana, Wara, Marcela, Norma",
    "Álvaro, Marcelo, Wilfredo, Gonzalo, René",
    "Mamani, Choque, Condori, Quispe, Rocha, Guzmán, Villarroel, Ayala, Terrazas, Zurita, "
    "Apaza, Claure, Tórrez",
    extra_languages=(("qu", 0.15), ("ay", 0.1)),
)
CL = _hispanic(
    "Constanza, Francisca, Javiera, Camila, Macarena, Paulina",
    "Matías, Cristián, Ignacio, Tomás, Felipe",
    "Muñoz, Silva, Sepúlveda, Araya, Fuentes, Valenzuela, Tapia, Reyes, Gutiérrez, "
    "Carrasco, Cárcamo, Riquelme, Figueroa, Aravena, Bustos, Sandoval, Urrutia",
)
AR = _hispanic(
    "Florencia, Agustina, Romina, Soledad, Luciana, Mercedes",
    "Facundo, Gonzalo, Nicolás, Federico, Hernán, Sebastián, Mariano",
    "Sosa, Benítez, Acosta, Ferreyra, Gutiérrez, Giménez, Aguirre, Bianchi, Russo, Costa, "
    "Bruno, Colombo, Romano",
    two_surnames=0.1,
)
UY = _hispanic(
    "Valentina, Cecilia, Fernanda, Inés",
    "Gonzalo, Santiago, Matías, Federico",
    "Pereira, Silva, Sosa, Olivera, Techera, Acosta, Da Silva, Larrañaga, Arrieta",
    two_surnames=0.3,
)
PY = _hispanic(
    "Lourdes, Liz, Gladys, Fátima, Nilda",
    "Osvaldo, Derlis, Aníbal, Rubén, Víctor",
    "Benítez, Giménez, Villalba, Ayala, Cáceres, Acosta, Báez, Riveros, Insfrán, Aquino, "
    "Galeano, Recalde, Zárate, Ojeda, Cardozo",
    extra_languages=(("gn", 0.4),),
)
US_HISPANIC = NameCulture(
    female=_HISPANIC_F,
    male=_HISPANIC_M,
    surnames=_HISPANIC_S,
    two_surnames=0.05,
    languages=("en", "es"),
    second_languages=(("fr", 0.1), ("pt", 0.05)),
)

# --- Brazil, Haiti, Suriname ---------------------------------------------------------

BR = NameCulture(
    female=_t(
        "Ana Paula, Fernanda, Juliana, Camila, Patrícia, Luciana, Renata, Aline, Tatiana, "
        "Larissa, Cláudia, Mariana, Beatriz, Simone, Raquel, Débora"
    ),
    male=_t(
        "João Pedro, Lucas, Rafael, Thiago, Marcelo, Gustavo, Felipe, Bruno, Rodrigo, "
        "Eduardo, André, Leonardo, Fábio, Paulo, Vinícius, Henrique"
    ),
    surnames=_t(
        "Silva, Santos, Oliveira, Souza, Lima, Pereira, Ferreira, Costa, Rodrigues, "
        "Almeida, Nascimento, Araújo, Carvalho, Gomes, Martins, Rocha, Ribeiro, Alves, "
        "Monteiro, Mendes, Barros, Freitas, Barbosa, Pinto, Moura, Cavalcanti, Dias, "
        "Campos, Cardoso, Teixeira"
    ),
    two_surnames=0.6,
    languages=("pt",),
    second_languages=(("es", 0.6), ("en", 0.55), ("fr", 0.1)),
)
HT = NameCulture(
    female=_t(
        "Marie-Claire, Nadège, Guerline, Roseline, Farah, Stéphanie, Magalie, Judith, "
        "Wideline, Nathalie, Marie-Ange, Rose-Carmelle"
    ),
    male=_t(
        "Jean-Robert, Wilner, Réginald, Pierre-Richard, Jocelyn, Frantz, Emmanuel, Rony, "
        "Jean-Marc, Ernso, Wilson, Stanley"
    ),
    surnames=_t(
        "Pierre, Joseph, Jean-Baptiste, Louis, Charles, Étienne, Saint-Fleur, Dorsainvil, "
        "Célestin, Augustin, Bien-Aimé, Desrosiers, Lafortune, Exantus, Jeune, Valcourt, "
        "Théodore, Dorvil, Michel, Noël"
    ),
    two_surnames=0.0,
    languages=("fr", "ht"),
    second_languages=(("en", 0.5), ("es", 0.35)),
)
SR = NameCulture(
    female=_t("Sharmila, Soenita, Astrid, Ingrid, Natasha, Sandhya, Sarita, Ilse"),
    male=_t("Anand, Ryan, Clifton, Stanley, Dilip, Marciano, Romeo, Ricardo"),
    surnames=_t(
        "Pinas, Sewnarain, Jagessar, Kromodihardjo, Soekhlal, Biharie, Rozenblad, Sabajo, "
        "Mahabier, Kartosen, Wongsodikromo, Linger, Vreden, Eersteling"
    ),
    two_surnames=0.0,
    languages=("nl",),
    second_languages=(("en", 0.8), ("es", 0.3)),
)

# --- The English-speaking Caribbean ----------------------------------------------------

_CARIBBEAN_F = _t(
    "Keisha, Shanice, Tamara, Natalie, Andrea, Camille, Kimberly, Michelle, Nadia, Simone, "
    "Sharon, Paulette, Marcia, Yvonne, Denise, Latoya"
)
_CARIBBEAN_M = _t(
    "Marlon, Andre, Kareem, Dwayne, Shane, Trevor, Garfield, Desmond, Carlton, Damian, "
    "Kevin, Roger, Clive, Jason, Ricardo"
)
_CARIBBEAN_S = _t(
    "Brown, Williams, Campbell, Thompson, Grant, Reid, Francis, Henry, Bailey, Charles, "
    "Joseph, Thomas, Phillips, Richards, Edwards, Gordon, Spencer, Walters, Samuels, "
    "Forbes, Daniel, Noel, Lewis, James"
)


def _caribbean(
    surnames: str,
    female: str = "",
    male: str = "",
    second: tuple[tuple[str, float], ...] = (("es", 0.45), ("fr", 0.15)),
) -> NameCulture:
    """An English-speaking Caribbean state: the shared names plus its own."""
    return NameCulture(
        female=_CARIBBEAN_F + _t(female),
        male=_CARIBBEAN_M + _t(male),
        surnames=_CARIBBEAN_S + _t(surnames),
        two_surnames=0.0,
        languages=("en",),
        second_languages=second,
    )


JM = _caribbean("Morrison, Stewart, Robinson, Lindo, McKenzie, Powell, Graham, Chin")
TT = _caribbean(
    "Ramdass, Maharaj, Ramsaran, Mohammed, Singh, Rampersad, Boodram, Baptiste",
    female="Anjali, Shalini, Kavita, Reshma, Nadira",
    male="Ravi, Vishnu, Rajesh, Imran, Anand",
    second=(("es", 0.4), ("fr", 0.1)),
)
GY = _caribbean(
    "Persaud, Ramnarine, Singh, Khan, Hinds, Benn, Boodhoo, Gopaul, Adams, Semple",
    female="Savitri, Shondell, Devika",
    male="Ravindra, Deonarine, Clement, Kwame",
    second=(("es", 0.25), ("pt", 0.1)),
)
BB = _caribbean(
    "Alleyne, Greaves, Hinds, Cumberbatch, Best, Gittens, Maynard, Boyce, Callender, Harewood"
)
BS = _caribbean("Rolle, Knowles, Bethel, Ferguson, Pinder, Sands, Cartwright, Munnings, Deveaux")
BZ = _caribbean(
    "Young, Flowers, Tillett, Usher, Arzu, Cayetano, Gillett, Nicholas, Castillo, Vasquez",
    female="Marisol, Rosita",
    male="Hector, Orlando",
    second=(("es", 0.75),),
)
AG = _caribbean("Samuel, Benjamin, Simon, Jarvis, Isaac, Lovell, Roberts")
DM = _caribbean(
    "Laurent, Royer, Jno Baptiste, Shillingford, Christian, Lawrence, Etienne",
    second=(("fr", 0.4), ("es", 0.3)),
)
GD = _caribbean("Antoine, Phillip, Cox, La Grenade, Regis, Modeste, Alexander")
KN = _caribbean("Liburd, Hodge, Richardson, Brantley, Hanley, Wilkin, Nisbett")
LC = _caribbean(
    "St. Rose, Louis, Emmanuel, Jean, Lamontagne, Felix, Augustin",
    second=(("fr", 0.4), ("es", 0.3)),
)
VC = _caribbean("Jack, Ollivierre, Cato, John, Dougan, Providence, Hadley, Bacchus")

# --- North America ------------------------------------------------------------------

CA_EN = NameCulture(
    female=_t(
        "Jennifer, Sarah, Emily, Jessica, Megan, Lauren, Heather, Rebecca, Amanda, Caroline, "
        "Fiona, Kathleen"
    ),
    male=_t(
        "Michael, David, Andrew, Matthew, Ryan, Kevin, Brian, Daniel, Scott, Ian, Graham, Colin"
    ),
    surnames=_t(
        "Smith, MacDonald, Campbell, Anderson, Wilson, Taylor, Martin, Thompson, Fraser, "
        "Stewart, Robertson, MacLeod, Murray, Ross, Chen, Singh, Wong, Kowalski"
    ),
    two_surnames=0.0,
    languages=("en",),
    second_languages=(("fr", 0.6), ("es", 0.35)),
)
CA_FR = NameCulture(
    female=_t(
        "Geneviève, Isabelle, Marie-Ève, Julie, Catherine, Mélanie, Annie, Véronique, "
        "Chantal, Nathalie, Sophie"
    ),
    male=_t(
        "Jean-François, Mathieu, Éric, Sébastien, Philippe, Marc-André, Alexandre, Simon, "
        "Luc, Martin, François"
    ),
    surnames=_t(
        "Tremblay, Gagnon, Roy, Côté, Gauthier, Morin, Lavoie, Fortin, Gagné, Ouellet, "
        "Pelletier, Bélanger, Lévesque, Bergeron, Paquette, Girard, Simard, Boucher, Caron, "
        "Beaulieu, Cloutier"
    ),
    two_surnames=0.0,
    languages=("fr", "en"),
    second_languages=(("es", 0.4),),
)
US_EN = NameCulture(
    female=_t(
        "Emily, Sarah, Jessica, Ashley, Megan, Rachel, Katherine, Laura, Allison, Caitlin, "
        "Erin, Danielle, Kimberly, Monique, Tanisha"
    ),
    male=_t(
        "Michael, Christopher, Matthew, Joshua, Brian, Jason, Kevin, Tyler, Ryan, Andrew, "
        "Eric, Marcus, Derek, Nathan, Jeffrey"
    ),
    surnames=_t(
        "Johnson, Miller, Davis, Wilson, Anderson, Taylor, Martin, Lee, Thompson, White, "
        "Clark, Lewis, Robinson, Walker, Allen, King, Wright, Hill, Green, Baker, Nelson, "
        "Carter, Roberts, Turner, Phillips, Parker, Collins, Morris, Murphy, Cook, Rogers, "
        "Kim, Nguyen, Patel, Cohen, O'Brien, Sullivan, Kowalski"
    ),
    two_surnames=0.0,
    languages=("en",),
    second_languages=(("es", 0.5), ("fr", 0.2), ("pt", 0.08)),
)

# --- Europe (permanent observers) ---------------------------------------------------

ES = NameCulture(
    female=_t(
        "Carmen, María, Lucía, Marta, Elena, Cristina, Pilar, Nuria, Montserrat, Begoña, "
        "Ainhoa, Irene, Raquel, Inmaculada, Rocío"
    ),
    male=_t(
        "Jordi, Iñaki, Javier, Antonio, Francisco, David, Álvaro, Ignacio, Xavier, Josep, "
        "Gonzalo, Enrique, Rubén"
    ),
    surnames=_t(
        "García, Fernández, González, Rodríguez, López, Martínez, Sánchez, Pérez, Martín, "
        "Gómez, Ruiz, Jiménez, Navarro, Moreno, Muñoz, Serrano, Blanco, Ortega, Garrido, "
        "Castaño, Etxeberria, Puig, Vidal, Ferrer, Sola, Castells, Aranda, Lozano, Pascual, "
        "Medina, Sanz, Herrero, Gallego"
    ),
    two_surnames=0.9,
    languages=("es",),
    second_languages=(("en", 0.75), ("fr", 0.3), ("pt", 0.15), ("ca", 0.15)),
)
PT = NameCulture(
    female=_t("Ana, Inês, Beatriz, Catarina, Mariana, Joana, Sofia, Rita, Teresa, Marta"),
    male=_t("João, Tiago, Rui, Nuno, Miguel, Pedro, Duarte, Gonçalo, Ricardo, Luís"),
    surnames=_t(
        "Silva, Santos, Ferreira, Pereira, Oliveira, Costa, Rodrigues, Martins, Sousa, "
        "Fernandes, Gonçalves, Gomes, Lopes, Marques, Alves, Almeida, Ribeiro, Pinto, "
        "Carvalho, Teixeira, Moreira, Correia, Mendes, Nunes, Soares, Vieira, Cardoso"
    ),
    two_surnames=0.7,
    languages=("pt",),
    second_languages=(("en", 0.8), ("es", 0.7), ("fr", 0.35)),
)
FR = NameCulture(
    female=_t(
        "Camille, Claire, Sophie, Élodie, Aurélie, Céline, Hélène, Mathilde, Juliette, "
        "Anne-Laure, Pauline, Sandrine, Émilie, Léa"
    ),
    male=_t(
        "Nicolas, Julien, Thomas, Guillaume, Antoine, Olivier, Mathieu, Sébastien, Vincent, "
        "Jérôme, Benoît, Arnaud, Laurent, Romain"
    ),
    surnames=_t(
        "Martin, Bernard, Dubois, Durand, Leroy, Moreau, Simon, Laurent, Lefebvre, Michel, "
        "Garnier, Faure, Rousseau, Blanc, Guérin, Henry, Roussel, Fournier, Girard, Bonnet, "
        "Dupont, Lambert, Fontaine, Chevalier, Mercier, Boyer, Perrin, Lemoine"
    ),
    two_surnames=0.0,
    languages=("fr",),
    second_languages=(("en", 0.8), ("es", 0.6), ("pt", 0.1)),
)
IT = NameCulture(
    female=_t(
        "Giulia, Francesca, Chiara, Sara, Valentina, Elena, Federica, Alessandra, Martina, "
        "Paola, Roberta"
    ),
    male=_t(
        "Marco, Luca, Andrea, Matteo, Alessandro, Davide, Stefano, Giovanni, Paolo, Lorenzo, "
        "Riccardo, Fabio"
    ),
    surnames=_t(
        "Rossi, Russo, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, Greco, Bruno, "
        "Gallo, Conti, De Luca, Costa, Giordano, Rizzo, Lombardi, Moretti, Barbieri, "
        "Santoro, Mariani, Rinaldi, Caruso, Ferrara, Galli, Martini, Leone"
    ),
    two_surnames=0.0,
    languages=("it",),
    second_languages=(("en", 0.75), ("es", 0.6), ("fr", 0.3)),
)
DE = NameCulture(
    female=_t(
        "Anna, Julia, Katharina, Sabine, Claudia, Stefanie, Susanne, Lena, Miriam, Johanna, "
        "Nicole, Birgit"
    ),
    male=_t(
        "Thomas, Michael, Stefan, Andreas, Markus, Jan, Tobias, Florian, Matthias, "
        "Christian, Jens, Sebastian"
    ),
    surnames=_t(
        "Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Schulz, "
        "Hoffmann, Koch, Richter, Klein, Wolf, Neumann, Schwarz, Zimmermann, Braun, Krüger, "
        "Hofmann, Hartmann, Lange, Werner, Krause, Köhler, Maier, Vogel"
    ),
    two_surnames=0.0,
    languages=("de",),
    second_languages=(("en", 0.9), ("es", 0.6), ("fr", 0.25)),
)
AT = NameCulture(
    female=_t("Katharina, Theresa, Magdalena, Verena, Barbara, Elisabeth"),
    male=_t("Lukas, Florian, Wolfgang, Georg, Johannes, Bernhard"),
    surnames=_t(
        "Gruber, Huber, Bauer, Wagner, Pichler, Steiner, Moser, Mayer, Hofer, Leitner, "
        "Berger, Fuchs, Eder"
    ),
    two_surnames=0.0,
    languages=("de",),
    second_languages=(("en", 0.9), ("es", 0.5), ("it", 0.15)),
)
NL = NameCulture(
    female=_t("Anouk, Sanne, Lotte, Femke, Marieke, Eva, Ingrid, Mirjam"),
    male=_t("Jeroen, Bas, Pieter, Maarten, Sander, Thijs, Joost, Wouter"),
    surnames=_t(
        "de Jong, Jansen, de Vries, van den Berg, van Dijk, Bakker, Visser, Smit, Meijer, "
        "de Boer, Mulder, de Groot, Bos, Vos, Hendriks, Dekker, Brouwer"
    ),
    two_surnames=0.0,
    languages=("nl",),
    second_languages=(("en", 0.95), ("es", 0.55), ("de", 0.3)),
)
BE_NL = NameCulture(
    female=_t("Els, An, Sofie, Lies, Griet, Katrien"),
    male=_t("Wouter, Pieter, Bart, Koen, Jeroen, Tom"),
    surnames=_t(
        "Peeters, Janssens, Maes, Jacobs, Mertens, Willems, Claes, Goossens, Wouters, "
        "De Smet, Vermeulen"
    ),
    two_surnames=0.0,
    languages=("nl",),
    second_languages=(("fr", 0.7), ("en", 0.85), ("es", 0.4)),
)
BE_FR = NameCulture(
    female=_t("Amélie, Delphine, Nathalie, Virginie, Aurore"),
    male=_t("Olivier, Vincent, Benoît, Quentin, Maxime"),
    surnames=_t(
        "Dubois, Lambert, Dupont, Martin, Simon, Leclercq, Lejeune, Renard, Collignon, "
        "Hermans, Michaux"
    ),
    two_surnames=0.0,
    languages=("fr",),
    second_languages=(("en", 0.8), ("es", 0.45), ("nl", 0.35)),
)
CH_DE = NameCulture(
    female=_t("Barbara, Corinne, Regula, Nadine, Simone, Andrea"),
    male=_t("Beat, Urs, Reto, Lukas, Daniel, Marco"),
    surnames=_t(
        "Müller, Meier, Schmid, Keller, Weber, Huber, Brunner, Baumann, Gerber, Frei, Graf, Zbinden"
    ),
    two_surnames=0.0,
    languages=("de",),
    second_languages=(("fr", 0.6), ("en", 0.85), ("es", 0.4), ("it", 0.2)),
)
CH_FR = NameCulture(
    female=_t("Valérie, Sandrine, Aline, Laure"),
    male=_t("Yves, Pascal, Cédric, Grégoire"),
    surnames=_t("Favre, Rochat, Bonvin, Monnier, Perrin, Cuénod, Pittet, Jaquet, Gay"),
    two_surnames=0.0,
    languages=("fr",),
    second_languages=(("de", 0.5), ("en", 0.8), ("es", 0.45)),
)
GB = NameCulture(
    female=_t("Charlotte, Emma, Hannah, Lucy, Rachel, Sophie, Victoria, Eleanor, Helen, Joanna"),
    male=_t("James, Oliver, Thomas, William, Edward, Richard, Alistair, Rupert, Gareth, Rhys"),
    surnames=_t(
        "Smith, Jones, Williams, Taylor, Davies, Thomas, Roberts, Walker, Wright, Hughes, "
        "Edwards, Green, Hall, Wood, Harris, Lewis, Patel, Khan, MacDonald, Fletcher"
    ),
    two_surnames=0.0,
    languages=("en",),
    second_languages=(("es", 0.6), ("fr", 0.4), ("pt", 0.1)),
)
IE = NameCulture(
    female=_t("Aoife, Siobhán, Niamh, Orla, Ciara, Róisín, Clodagh"),
    male=_t("Seán, Ciarán, Declan, Cathal, Eoin, Conor, Pádraig, Dónal"),
    surnames=_t(
        "Murphy, Kelly, Byrne, Ryan, Walsh, O'Sullivan, Doyle, McCarthy, Gallagher, "
        "Kennedy, Lynch, Quinn, Brennan, Fitzgerald, Nolan"
    ),
    two_surnames=0.0,
    languages=("en",),
    second_languages=(("es", 0.55), ("ga", 0.3), ("fr", 0.35)),
)
SE = NameCulture(
    female=_t("Anna, Emma, Karin, Sofia, Elin, Maria, Linnea, Ingrid, Helena"),
    male=_t("Erik, Lars, Anders, Johan, Magnus, Fredrik, Per, Oskar, Henrik"),
    surnames=_t(
        "Andersson, Johansson, Karlsson, Nilsson, Eriksson, Larsson, Olsson, Persson, "
        "Svensson, Gustafsson, Lindberg, Lindqvist, Bergström, Holm, Sandberg"
    ),
    two_surnames=0.0,
    languages=("sv",),
    second_languages=(("en", 0.95), ("es", 0.55)),
)
NO = NameCulture(
    female=_t("Ingrid, Kari, Silje, Marte, Hanne, Ragnhild"),
    male=_t("Ole, Lars, Eirik, Håkon, Sindre, Anders, Jon"),
    surnames=_t(
        "Hansen, Johansen, Olsen, Larsen, Andersen, Pedersen, Nilsen, Kristiansen, Berg, "
        "Haugen, Halvorsen, Bakke, Dahl"
    ),
    two_surnames=0.0,
    languages=("no",),
    second_languages=(("en", 0.95), ("es", 0.5)),
)
DK = NameCulture(
    female=_t("Camilla, Louise, Line, Sofie, Trine, Maja"),
    male=_t("Rasmus, Søren, Kasper, Jesper, Mikkel, Jakob"),
    surnames=_t(
        "Jensen, Nielsen, Hansen, Pedersen, Andersen, Christensen, Larsen, Sørensen, "
        "Rasmussen, Jørgensen, Madsen, Kristensen"
    ),
    two_surnames=0.0,
    languages=("da",),
    second_languages=(("en", 0.95), ("es", 0.5), ("de", 0.2)),
)
FI = NameCulture(
    female=_t("Aino, Laura, Johanna, Katja, Elina, Minna, Riikka"),
    male=_t("Mikko, Juha, Antti, Jukka, Ville, Timo, Pekka"),
    surnames=_t(
        "Virtanen, Korhonen, Mäkinen, Nieminen, Mäkelä, Hämäläinen, Laine, Heikkinen, "
        "Koskinen, Järvinen, Lehtonen, Salminen"
    ),
    two_surnames=0.0,
    languages=("fi",),
    second_languages=(("en", 0.95), ("sv", 0.5), ("es", 0.45)),
)

# Each nationality's naming cultures with their weights (one culture for most countries).
CULTURES: dict[str, tuple[tuple[NameCulture, int], ...]] = {
    "AG": ((AG, 1),),
    "AR": ((AR, 1),),
    "AT": ((AT, 1),),
    "BB": ((BB, 1),),
    "BE": ((BE_NL, 6), (BE_FR, 4)),
    "BO": ((BO, 1),),
    "BR": ((BR, 1),),
    "BS": ((BS, 1),),
    "BZ": ((BZ, 1),),
    "CA": ((CA_EN, 6), (CA_FR, 4)),
    "CH": ((CH_DE, 6), (CH_FR, 4)),
    "CL": ((CL, 1),),
    "CO": ((CO, 1),),
    "CR": ((CR, 1),),
    "CU": ((CU, 1),),
    "DE": ((DE, 1),),
    "DK": ((DK, 1),),
    "DM": ((DM, 1),),
    "DO": ((DO, 1),),
    "EC": ((EC, 1),),
    "ES": ((ES, 1),),
    "FI": ((FI, 1),),
    "FR": ((FR, 1),),
    "GB": ((GB, 1),),
    "GD": ((GD, 1),),
    "GT": ((GT, 1),),
    "GY": ((GY, 1),),
    "HN": ((HN, 1),),
    "HT": ((HT, 1),),
    "IE": ((IE, 1),),
    "IT": ((IT, 1),),
    "JM": ((JM, 1),),
    "KN": ((KN, 1),),
    "LC": ((LC, 1),),
    "MX": ((MX, 1),),
    "NI": ((NI, 1),),
    "NL": ((NL, 1),),
    "NO": ((NO, 1),),
    "PA": ((PA, 1),),
    "PE": ((PE, 1),),
    "PT": ((PT, 1),),
    "PY": ((PY, 1),),
    "SE": ((SE, 1),),
    "SR": ((SR, 1),),
    "SV": ((SV, 1),),
    "TT": ((TT, 1),),
    "US": ((US_EN, 8), (US_HISPANIC, 2)),
    "UY": ((UY, 1),),
    "VC": ((VC, 1),),
    "VE": ((VE, 1),),
}

# Well-known people (given name and first surname, lower case) whose names could come out
# of the tables above; the generator rejects any full name that contains one of them.
FAMOUS_NAMES = frozenset(
    _t(
        "adriana lima, alberto fernández, alberto salazar, alejandro fernández, alejandro "
        "gonzález, alejandro sanz, ana gomes, ana paula araújo, andrew johnson, andrew "
        "young, antoine dupont, ashley young, begoña gómez, bernardo arévalo, brian "
        "roberts, brian wilson, carlos delgado, carlos fuentes, carlos santana, carmen "
        "salinas, catarina martins, charles michel, charlotte green, christopher lee, "
        "christopher martin, conor kennedy, conor murphy, cristina fernández, damian "
        "lewis, daniel ortega, david ferrer, david muñoz, denise lewis, diego rivera, "
        "diego torres, eduardo vargas, emiliano zapata, enrique peña, eric adams, eric "
        "roberts, felipe calderón, felipe gonzález, fernanda lima, fernanda souza, "
        "fernando torres, francisco flores, francisco morales, francisco serrano, félix "
        "sánchez, gabriel garcía, gareth thomas, gonzalo sánchez, guillaume martin, "
        "gustavo lima, gustavo petro, helen clark, henrik larsson, humberto ortega, "
        "héctor herrera, jaime bermúdez, jakob nielsen, jason campbell, jason collins, "
        "jason williams, javier hernández, javier pérez, jeffrey wright, jens lehmann, "
        "jesper christensen, joana marques, johnny araya, johnny briceño, jorge quiroga, "
        "jorge ramos, joshua allen, josé hernández, josé mujica, juan manuel santos, juan "
        "soto, julia fischer, julio chávez, karin larsson, katherine johnson, lars "
        "larsen, laura flores, laurent blanc, lena meyer, lorenzo fontana, lucas moura, "
        "luis abinader, luis arce, luis díaz, luis suárez, manuel contreras, marco rossi, "
        "marcus allen, marta sánchez, matteo ricci, matthew miller, mercedes sosa, "
        "michael collins, michael jackson, michael moore, michael müller, michael scott, "
        "michelle williams, miguel cabrera, miguel díaz, miguel herrera, mikkel hansen, "
        "mónica naranjo, natalia jiménez, nuno gomes, paolo rossi, pedro castillo, pedro "
        "nunes, pedro sánchez, rachel green, rafael reyes, raquel sánchez, raúl castro, "
        "raúl jiménez, raúl ruiz, rhys jones, ricardo carvalho, ricardo lagos, richard "
        "harris, rita pereira, roberto gómez, rodrigo chaves, rodrigo paz, rosa díaz, "
        "rosa lópez, rui costa, rui pinto, ryan murphy, róisín murphy, sandra torres, "
        "santiago peña, sergio pérez, sergio ramos, sergio ramírez, seán kelly, shane "
        "williams, silvia romano, simon gagné, sofia ribeiro, thiago silva, thomas "
        "müller, tom jones, verónica castro, victoria wood, vincent lambert, xavier "
        "hernández, álvaro delgado, álvaro garcía, álvaro uribe, éric girard, óscar "
        "arias, óscar romero"
    )
)

# Regions where a mission places its field observers, the capital region first.
REGIONS: dict[str, tuple[str, ...]] = {
    "AR": _t(
        "Ciudad Autónoma de Buenos Aires, Buenos Aires, Córdoba, Santa Fe, Mendoza, "
        "Tucumán, Salta, Neuquén"
    ),
    "BB": _t("St. Michael, Christ Church, St. James, St. Philip, St. George"),
    "BO": _t("La Paz, Santa Cruz, Cochabamba, Oruro, Potosí, Chuquisaca, Tarija, Beni, Pando"),
    "BS": _t("New Providence, Grand Bahama, Abaco, Eleuthera, Exuma, Andros, Long Island"),
    "CO": _t(
        "Bogotá D.C., Antioquia, Valle del Cauca, Atlántico, Santander, Bolívar, Cauca, "
        "Nariño, Norte de Santander, Cundinamarca, Meta, Chocó"
    ),
    "DO": _t(
        "Distrito Nacional, Santo Domingo, Santiago, La Vega, San Cristóbal, Puerto Plata, "
        "La Altagracia, San Pedro de Macorís, Duarte, Azua"
    ),
    "EC": _t(
        "Pichincha, Guayas, Azuay, Manabí, El Oro, Los Ríos, Imbabura, Tungurahua, "
        "Esmeraldas, Loja, Chimborazo"
    ),
    "GT": _t(
        "Guatemala, Quetzaltenango, Alta Verapaz, Huehuetenango, Escuintla, San Marcos, "
        "Petén, Chimaltenango, Izabal, Sololá, Quiché, Jutiapa"
    ),
    "HT": _t("Ouest, Nord, Artibonite, Sud, Centre, Nord-Est, Grand'Anse, Sud-Est"),
    "MX": _t(
        "Ciudad de México, Estado de México, Jalisco, Nuevo León, Veracruz, Puebla, Oaxaca, "
        "Chiapas, Guanajuato, Yucatán, Baja California, Chihuahua"
    ),
    "PE": _t(
        "Lima, Arequipa, La Libertad, Piura, Cusco, Junín, Puno, Lambayeque, Loreto, "
        "Áncash, Cajamarca, Callao"
    ),
    "PY": _t("Asunción, Central, Alto Paraná, Itapúa, Caaguazú, Concepción"),
    "US": _t(
        "Georgia, Arizona, Michigan, Pennsylvania, Texas, Florida, Maryland, Nevada, "
        "Wisconsin, New Mexico, Virginia"
    ),
}

# Country calling codes (ITU-T E.164) of the countries outside the North American plan.
CALLING_CODES: dict[str, str] = {
    "AR": "54", "AT": "43", "BE": "32", "BO": "591", "BR": "55", "BZ": "501", "CH": "41",
    "CL": "56", "CO": "57", "CR": "506", "CU": "53", "DE": "49", "DK": "45", "EC": "593",
    "ES": "34", "FI": "358", "FR": "33", "GB": "44", "GT": "502", "GY": "592", "HN": "504",
    "HT": "509", "IE": "353", "IT": "39", "MX": "52", "NI": "505", "NL": "31", "NO": "47",
    "PA": "507", "PE": "51", "PT": "351", "PY": "595", "SE": "46", "SR": "597", "SV": "503",
    "UY": "598", "VE": "58",
}  # fmt: skip

# Area codes of the North American numbering plan (country code 1); the demo numbers use
# the 555-01XX exchange reserved for fiction.
NANP_AREA_CODES: dict[str, tuple[str, ...]] = {
    "AG": ("268",),
    "BB": ("246",),
    "BS": ("242",),
    "CA": ("416", "514", "613", "604", "403", "902"),
    "DM": ("767",),
    "DO": ("809", "829"),
    "GD": ("473",),
    "JM": ("876", "658"),
    "KN": ("869",),
    "LC": ("758",),
    "TT": ("868",),
    "US": ("202", "212", "305", "415", "512", "617", "713", "312"),
    "VC": ("784",),
}
