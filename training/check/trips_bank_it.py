"""Italian documents of the sixth held-out set (see ``trips_bank_en``)."""

# ruff: noqa: E501

DOCS = {
    "doc": {"travel": "questa prenotazione", "listings": "questo annuncio"},
    "items": (
        "bici da corsa",
        "tavolo in rovere",
        "passeggino",
        "macchina per espresso",
        "divano letto",
        "kayak",
    ),
    "titles": {
        "booking": (
            "Conferma di prenotazione {ref}",
            "Il suo viaggio a {city} è confermato",
            "Prenotazione {ref} – {carrier}",
        ),
        "itinerary": (
            "Itinerario di {person}",
            "Programma di viaggio: {city} – {city2}",
            "Riepilogo viaggio {ref}",
        ),
        "voucher": (
            "Voucher hotel – {hotel}",
            "Voucher noleggio auto {ref}",
            "Voucher di soggiorno per {person}",
        ),
        "tour": (
            "Visita guidata del centro storico di {city}",
            "Gita di un giorno da {city} alla costa",
            "Tour gastronomico a {city}",
        ),
        "insurance": (
            "Sintesi dell'assicurazione viaggio",
            "Le sue garanzie – polizza {ref}",
            "Certificato assicurativo per {person}",
        ),
        "rental": (
            "Affittasi bilocale a {city}",
            "Monolocale luminoso vicino alla stazione, {city}",
            "Casa indipendente in affitto – {street}",
        ),
        "sale": (
            "Vendesi trilocale, {city}",
            "Villetta a schiera con giardino in vendita",
            "Attico di {size} m² in vendita",
        ),
        "houseshare": (
            "Camera libera in appartamento condiviso",
            "Stanza singola in affitto a {city}",
            "Cerchiamo un quarto coinquilino",
        ),
        "classified": (
            "Vendo {item}",
            "{item} in buone condizioni, solo ritiro",
            "{item} usato in vendita",
        ),
    },
    "intro": {
        "booking": (
            "Grazie per aver prenotato con {carrier}.",
            "Il codice di prenotazione è {ref}.",
            "Verifichi che i nomi corrispondano esattamente ai passaporti.",
            "La conferma vale per tutti i passeggeri indicati.",
        ),
        "itinerary": (
            "Ecco l'itinerario completo per il {date}.",
            "Gli orari sono espressi in ora locale.",
            "I trasferimenti tra le tappe sono già organizzati.",
        ),
        "voucher": (
            "Presenti questo voucher all'arrivo.",
            "Il voucher è valido solo per le date indicate.",
            "La camera al {hotel} è pagata, esclusa la tassa di soggiorno.",
        ),
        "tour": (
            "La guida vi aspetta davanti al duomo.",
            "La visita dura circa tre ore.",
            "I gruppi sono al massimo di dodici persone.",
            "Le degustazioni sono incluse.",
        ),
        "insurance": (
            "Questa sintesi illustra le principali garanzie della polizza.",
            "Il numero di polizza è {ref}.",
            "Non sostituisce le condizioni generali.",
            "Legga con attenzione le esclusioni prima di partire.",
        ),
        "rental": (
            "Appartamento luminoso al secondo piano di un palazzo tranquillo.",
            "{rooms} locali e balcone sul parco.",
            "Negozi, scuole e tram a cinque minuti.",
            "Libero dal {date}.",
        ),
        "sale": (
            "Appartamento ben tenuto in zona richiesta.",
            "{rooms} locali, cucina abitabile e cantina.",
            "Infissi e riscaldamento rifatti di recente.",
        ),
        "houseshare": (
            "Siamo tre lavoratori sulla trentina e cerchiamo una persona ordinata.",
            "La camera è arredata.",
            "Spese e internet sono inclusi nell'affitto.",
        ),
        "classified": (
            "Vendo per trasferimento all'estero.",
            "Usato due estati, nessun graffio.",
            "Disponibili scontrino originale e manuale.",
            "Prezzo leggermente trattabile.",
        ),
    },
    "facts": {
        "travel": (
            ("Codice", "{ref}"),
            ("Data", "{date}"),
            ("Partenza", "{time} da {city}"),
            ("Arrivo", "{city2}"),
            ("Vettore", "{carrier}"),
            ("Hotel", "{hotel}"),
            ("Importo pagato", "{price}"),
            ("Check-in", "dalle 15:00"),
        ),
        "listings": (
            ("Canone", "{rent} al mese"),
            ("Cauzione", "{deposit}"),
            ("Superficie", "{size} m²"),
            ("Locali", "{rooms}"),
            ("Indirizzo", "{street}, {city}"),
            ("Disponibile", "{date}"),
            ("Prezzo", "{price}"),
            ("Referente", "{person}"),
        ),
    },
    "heads": {
        "travel": ("Prima della partenza", "Da sapere"),
        "listings": ("Visite e pagamento", "Condizioni"),
    },
    "rules": {
        "travel": (
            "Si presenti in aeroporto almeno due ore prima della partenza.",
            "Porti con sé il passaporto e questa conferma.",
            "Non lasci oggetti di valore in auto.",
            "Effettui il check-in online entro 24 ore dal volo.",
            "Deve mostrare al banco la carta di credito usata per la prenotazione.",
            "Riconsegni l'auto con il pieno.",
            "Indossi scarpe comode; il percorso è su selciato.",
            "Ci comunichi eventuali allergie alimentari con tre giorni di anticipo.",
            "Conservi tutte le ricevute in caso di sinistro.",
            "Ignori l'e-mail precedente sul cambio di gate.",
            "Segua le istruzioni dell'equipaggio durante l'imbarco.",
            "Ritiri le chiavi alla reception entro le 22.",
        ),
        "listings": (
            "Gli inquilini devono presentare due referenze e le ultime buste paga.",
            "Versi la cauzione entro 48 ore per bloccare l'appartamento.",
            "Fissi un appuntamento prima di venire a vedere la casa.",
            "Porti un documento d'identità alla visita.",
            "Non invii denaro prima di aver visto l'immobile.",
            "Legga l'inventario e firmi ogni pagina.",
            "Per favore non chiamate dopo le 21.",
            "Ignorate il vecchio prezzo nella foto.",
            "Il preavviso è di tre mesi, per iscritto.",
        ),
    },
    "notes": {
        "travel": (
            "Gestisca la prenotazione su {url}.",
            "Domande? Scriva a {mail} indicando {ref}.",
            "La tassa di soggiorno di 2,50 EUR a notte si paga in hotel.",
            "Le modifiche sono gratuite fino a sette giorni prima della partenza.",
        ),
        "listings": (
            "La cauzione di {deposit} si versa sul conto {iban} dopo la firma del contratto.",
            "Altre foto e la planimetria su {url}.",
            "Visite il {date} dalle 17 alle 19; scrivere a {mail}.",
            "La provvigione dell'agenzia è a carico del proprietario.",
        ),
    },
    "odd": (
        "Il nostro assistente prenotazioni risponde alle domande 24 ore su 24.",
        "Il chatbot con IA del nostro sito aiuta a confrontare le date ma non modifica le prenotazioni.",
        "Non c'entra: l'ufficio è chiuso lunedì per la festa patronale.",
        "Non le chiederemo mai la password via e-mail.",
        "Questo annuncio è stato tradotto con uno strumento di IA; fa fede il testo italiano.",
    ),
    "foot": (
        "{carrier} · {url}",
        "Messaggio automatico, non rispondere.",
        "Pubblicato da {person} · {mail}",
        "Servizio clienti: {phone}",
    ),
    "mail_head": ("Oggetto: I: {title}", "Oggetto: {title}"),
    "mail_intro": {
        "travel": (
            "Ciao {person2},\n\necco i documenti di viaggio. Stampali, per favore.",
            "Gentile {person2},\n\ndi seguito la conferma.",
        ),
        "listings": (
            "Ciao {person2},\n\nè l'appartamento di cui ti parlavo. Che ne pensi?",
            "Gentile {person2},\n\ngrazie dell'interesse; l'annuncio è qui sotto.",
        ),
    },
    "mail_close": ("Cordiali saluti,\n{person}", "A presto,\n{person}"),
    "asks": {
        "travel": ("Me lo riassumi?", "A che ora devo essere in aeroporto?"),
        "listings": ("È un buon affare?", "Cosa devo portare alla visita?"),
    },
}
