"""Dutch sentences of the sixth held-out set for one kind of document: second-hand goods
(``GOODS``), tours, insurance summaries, vouchers and sales (``KIND_RULES``)."""

GOODS = {
    "facts": (
        ("Prijs", "{price}"),
        ("Staat", "zeer goed"),
        ("Ophalen", "{city}"),
        ("Verkoper", "{person}"),
        ("Verzenden", "niet mogelijk"),
    ),
    "rules": (
        "Alleen ophalen; neem iemand mee om te helpen tillen.",
        "Betaling contant of per overboeking bij ophalen.",
        "Controleer het artikel bij ophalen; geen retour.",
        "Negeer de oude prijs op de foto.",
        "Bel alstublieft niet na 21.00 uur.",
        "Kom met een busje, het past niet in een kleine auto.",
        "Stuur eerst een bericht om te vragen of het er nog is.",
        "Verkocht zoals gezien, zonder garantie.",
    ),
}
KIND_RULES = {
    "tour": (
        "Trek comfortabele schoenen aan en neem water mee.",
        "Wees tien minuten voor de start op het verzamelpunt.",
        "Meld allergieën bij de gids voor de proeverij.",
        "Blijf bij de groep; we kunnen niet op laatkomers wachten.",
        "Kinderen moeten worden begeleid door een volwassene.",
        "Neem een regenjas mee, de tour gaat bij elk weer door.",
    ),
    "insurance": (
        "Bel de alarmcentrale voordat u naar een privékliniek gaat.",
        "Bewaar alle bonnen en medische verslagen.",
        "Meld een ziekenhuisopname binnen 48 uur.",
        "Doe aangifte van diefstal bij de lokale politie en vraag om een kopie.",
        "Erken na een ongeval geen schuld tegenover derden.",
        "Dien uw claim in binnen 30 dagen na terugkeer.",
    ),
    "voucher": (
        "Toon deze voucher en uw identiteitsbewijs bij aankomst.",
        "U moet bij de balie de creditcard laten zien waarmee is geboekt.",
        "Lever de auto met een volle tank in.",
        "Meld schade voordat u wegrijdt.",
        "Laat geen waardevolle spullen in de auto achter.",
        "Laat het hotel weten als u na middernacht aankomt.",
    ),
    "sale": (
        "Plan een bezichtiging via de makelaar.",
        "Neem een geldig identiteitsbewijs mee naar de bezichtiging.",
        "Kopers moeten een financieringsverklaring kunnen tonen.",
        "Laat de notaris het eigendomsbewijs controleren voordat u tekent.",
        "Betaal geen reserveringskosten voordat u de woning hebt gezien.",
    ),
}
