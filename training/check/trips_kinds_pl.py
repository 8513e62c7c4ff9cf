"""Polish sentences of the sixth held-out set for one kind of document: second-hand goods
(``GOODS``), tours, insurance summaries, vouchers and sales (``KIND_RULES``)."""

GOODS = {
    "facts": (
        ("Cena", "{price}"),
        ("Stan", "bardzo dobry"),
        ("Odbiór", "{city}"),
        ("Sprzedający", "{person}"),
        ("Wysyłka", "brak"),
    ),
    "rules": (
        "Tylko odbiór osobisty; przyjdź z kimś do pomocy przy noszeniu.",
        "Płatność gotówką lub przelewem przy odbiorze.",
        "Sprawdź przedmiot przy odbiorze; zwrotów nie przyjmuję.",
        "Zignoruj starą cenę na zdjęciu.",
        "Prosimy nie dzwonić po 21:00.",
        "Przyjedź busem, do małego auta się nie zmieści.",
        "Napisz wcześniej, czy przedmiot jest jeszcze dostępny.",
        "Sprzedaż prywatna, bez gwarancji.",
    ),
}
KIND_RULES = {
    "tour": (
        "Załóż wygodne buty i weź wodę.",
        "Bądź na miejscu zbiórki dziesięć minut wcześniej.",
        "Przed degustacją powiedz przewodnikowi o alergiach.",
        "Trzymaj się grupy; nie czekamy na spóźnionych.",
        "Dzieci muszą być pod opieką dorosłego.",
        "Zabierz kurtkę przeciwdeszczową, spacer odbywa się przy każdej pogodzie.",
    ),
    "insurance": (
        "Przed wizytą w prywatnej klinice zadzwoń na numer alarmowy.",
        "Zachowaj wszystkie rachunki i dokumentację medyczną.",
        "Zgłoś nam pobyt w szpitalu w ciągu 48 godzin.",
        "Kradzież zgłoś na lokalnej policji i poproś o zaświadczenie.",
        "Po wypadku nie przyznawaj się do winy wobec osób trzecich.",
        "Złóż wniosek w ciągu 30 dni od powrotu.",
    ),
    "voucher": (
        "Przy przyjeździe okaż ten voucher i dokument tożsamości.",
        "Przy stanowisku musisz okazać kartę użytą do rezerwacji.",
        "Zwróć samochód z pełnym bakiem.",
        "Zgłoś uszkodzenia przed odjazdem.",
        "Nie zostawiaj cennych rzeczy w samochodzie.",
        "Daj znać hotelowi, jeśli przyjedziesz po północy.",
    ),
    "sale": (
        "Umów się na oglądanie z pośrednikiem.",
        "Weź na oglądanie dowód osobisty.",
        "Kupujący muszą przedstawić promesę kredytową.",
        "Przed podpisaniem poproś notariusza o sprawdzenie księgi wieczystej.",
        "Nie wpłacaj zadatku, zanim zobaczysz nieruchomość.",
    ),
}
