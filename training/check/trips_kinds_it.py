"""Italian sentences of the sixth held-out set for one kind of document: second-hand goods
(``GOODS``), tours, insurance summaries, vouchers and sales (``KIND_RULES``)."""

GOODS = {
    "facts": (
        ("Prezzo", "{price}"),
        ("Condizioni", "ottime"),
        ("Ritiro", "{city}"),
        ("Venditore", "{person}"),
        ("Spedizione", "no"),
    ),
    "rules": (
        "Solo ritiro a mano; venga in due per caricarlo.",
        "Pagamento in contanti o con bonifico al ritiro.",
        "Controlli l'oggetto al ritiro; niente resi.",
        "Ignorate il vecchio prezzo nella foto.",
        "Per favore non chiamate dopo le 21.",
        "Venite con un furgone, in un'utilitaria non entra.",
        "Scrivetemi prima per sapere se è ancora disponibile.",
        "Vendita tra privati, senza garanzia.",
    ),
}
KIND_RULES = {
    "tour": (
        "Indossi scarpe comode e porti dell'acqua.",
        "Sia al punto d'incontro dieci minuti prima.",
        "Segnali alla guida eventuali allergie prima della degustazione.",
        "Resti con il gruppo; non possiamo aspettare i ritardatari.",
        "I minori devono essere accompagnati da un adulto.",
        "Porti un impermeabile: la visita si svolge con qualsiasi tempo.",
    ),
    "insurance": (
        "Chiami la centrale operativa prima di recarsi in una clinica privata.",
        "Conservi tutte le ricevute e i referti medici.",
        "Ci comunichi entro 48 ore ogni ricovero.",
        "Denunci il furto alla polizia locale e chieda copia del verbale.",
        "Non ammetta responsabilità verso terzi dopo un incidente.",
        "Invii la richiesta di rimborso entro 30 giorni dal rientro.",
    ),
    "voucher": (
        "Presenti questo voucher e un documento all'arrivo.",
        "Deve mostrare al banco la carta di credito usata per la prenotazione.",
        "Riconsegni l'auto con il pieno.",
        "Segnali eventuali danni prima di partire.",
        "Non lasci oggetti di valore in auto.",
        "Avvisi l'hotel se arriva dopo mezzanotte.",
    ),
    "sale": (
        "Fissi la visita con l'agenzia.",
        "Porti un documento d'identità alla visita.",
        "Gli acquirenti devono dimostrare la copertura finanziaria.",
        "Faccia controllare le visure dal notaio prima di firmare.",
        "Non versi caparre prima di aver visto l'immobile.",
    ),
}
