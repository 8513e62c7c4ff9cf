"""German sentences of the sixth held-out set for one kind of document: second-hand goods
(``GOODS``), tours, insurance summaries, vouchers and sales (``KIND_RULES``)."""

# ruff: noqa: E501

GOODS = {
    "facts": (
        ("Preis", "{price}"),
        ("Zustand", "sehr gut"),
        ("Abholung", "{city}"),
        ("Verkäufer", "{person}"),
        ("Versand", "nicht möglich"),
    ),
    "rules": (
        "Nur Abholung; bitte bringen Sie eine zweite Person zum Tragen mit.",
        "Bezahlung bar oder per Überweisung bei Abholung.",
        "Prüfen Sie den Artikel bei Abholung; keine Rücknahme.",
        "Ignorieren Sie den alten Preis auf dem Foto.",
        "Bitte rufen Sie nicht nach 21 Uhr an.",
        "Kommen Sie mit einem Transporter, in einen Kleinwagen passt es nicht.",
        "Schreiben Sie mir vorher, ob der Artikel noch da ist.",
        "Privatverkauf, keine Garantie und keine Rücknahme.",
    ),
}
KIND_RULES = {
    "tour": (
        "Tragen Sie bequeme Schuhe und nehmen Sie Wasser mit.",
        "Seien Sie zehn Minuten vor Beginn am Treffpunkt.",
        "Nennen Sie der Reiseleitung Lebensmittelallergien vor der Verkostung.",
        "Bitte bleiben Sie bei der Gruppe; auf Nachzügler können wir nicht warten.",
        "Kinder müssen von einem Erwachsenen begleitet werden.",
        "Nehmen Sie eine Regenjacke mit, die Führung findet bei jedem Wetter statt.",
    ),
    "insurance": (
        "Rufen Sie vor dem Besuch einer Privatklinik die Notrufnummer an.",
        "Bewahren Sie alle Belege und Arztberichte auf.",
        "Melden Sie uns jeden Krankenhausaufenthalt innerhalb von 48 Stunden.",
        "Zeigen Sie einen Diebstahl bei der örtlichen Polizei an und lassen Sie sich eine Bestätigung geben.",
        "Erkennen Sie nach einem Unfall keine Schuld gegenüber Dritten an.",
        "Reichen Sie Ihren Antrag innerhalb von 30 Tagen nach der Rückkehr ein.",
    ),
    "voucher": (
        "Legen Sie bei der Ankunft diesen Gutschein und Ihren Ausweis vor.",
        "Sie müssen am Schalter die bei der Buchung verwendete Kreditkarte vorzeigen.",
        "Geben Sie den Wagen vollgetankt zurück.",
        "Melden Sie Schäden am Fahrzeug, bevor Sie losfahren.",
        "Lassen Sie keine Wertsachen im Auto.",
        "Geben Sie dem Hotel Bescheid, wenn Sie nach Mitternacht ankommen.",
    ),
    "sale": (
        "Bitte vereinbaren Sie einen Besichtigungstermin mit dem Makler.",
        "Bringen Sie zur Besichtigung einen Lichtbildausweis mit.",
        "Kaufinteressenten müssen eine Finanzierungsbestätigung vorlegen.",
        "Lassen Sie den Grundbuchauszug vor der Unterschrift von einem Notar prüfen.",
        "Zahlen Sie keine Reservierungsgebühr, bevor Sie das Objekt gesehen haben.",
    ),
}
