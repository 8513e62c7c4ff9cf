"""Polish documents of the sixth held-out set (see ``trips_bank_en``)."""

DOCS = {
    "doc": {"travel": "tej rezerwacji", "listings": "tego ogłoszenia"},
    "items": (
        "rower szosowy",
        "dębowy stół",
        "wózek dziecięcy",
        "ekspres do kawy",
        "rozkładana sofa",
        "kajak",
    ),
    "titles": {
        "booking": (
            "Potwierdzenie rezerwacji {ref}",
            "Twoja podróż do {city} jest potwierdzona",
            "Rezerwacja {ref} – {carrier}",
        ),
        "itinerary": (
            "Plan podróży: {person}",
            "Trasa: {city} – {city2}",
            "Podsumowanie podróży {ref}",
        ),
        "voucher": (
            "Voucher hotelowy – {hotel}",
            "Voucher na wynajem samochodu {ref}",
            "Voucher noclegowy dla {person}",
        ),
        "tour": (
            "Spacer z przewodnikiem po starym mieście, {city}",
            "Jednodniowa wycieczka z {city} nad morze",
            "Wycieczka kulinarna, {city}",
        ),
        "insurance": (
            "Podsumowanie ubezpieczenia podróżnego",
            "Zakres ochrony – polisa {ref}",
            "Certyfikat ubezpieczenia dla {person}",
        ),
        "rental": (
            "Mieszkanie dwupokojowe do wynajęcia, {city}",
            "Jasna kawalerka przy dworcu, {city}",
            "Dom do wynajęcia – {street}",
        ),
        "sale": (
            "Sprzedam mieszkanie trzypokojowe, {city}",
            "Dom w zabudowie szeregowej z ogrodem na sprzedaż",
            "Mieszkanie na ostatnim piętrze, {size} m²",
        ),
        "houseshare": (
            "Wolny pokój we wspólnym mieszkaniu",
            "Pokój do wynajęcia, {city}",
            "Szukamy czwartej osoby do mieszkania",
        ),
        "classified": (
            "Sprzedam: {item}",
            "{item} – stan dobry, tylko odbiór osobisty",
            "Na sprzedaż: {item}",
        ),
    },
    "intro": {
        "booking": (
            "Dziękujemy za rezerwację w {carrier}.",
            "Numer rezerwacji: {ref}.",
            "Sprawdź, czy nazwiska zgadzają się z paszportami.",
            "Potwierdzenie obejmuje wszystkich podróżnych wymienionych poniżej.",
        ),
        "itinerary": (
            "Oto pełny plan podróży na {date}.",
            "Wszystkie godziny podano w czasie lokalnym.",
            "Transfery między etapami są już zorganizowane.",
        ),
        "voucher": (
            "Okaż ten voucher przy przyjeździe.",
            "Voucher jest ważny tylko w podanych terminach.",
            "Pokój w {hotel} jest opłacony, z wyjątkiem opłaty miejscowej.",
        ),
        "tour": (
            "Przewodniczka czeka przed katedrą.",
            "Spacer trwa około trzech godzin.",
            "Grupy liczą najwyżej dwanaście osób.",
            "Degustacje są wliczone w cenę.",
        ),
        "insurance": (
            "To podsumowanie opisuje główne świadczenia polisy.",
            "Numer polisy: {ref}.",
            "Nie zastępuje ono ogólnych warunków ubezpieczenia.",
            "Przed wyjazdem dokładnie przeczytaj wyłączenia.",
        ),
        "rental": (
            "Jasne mieszkanie na drugim piętrze w cichej kamienicy.",
            "{rooms} pokoje i balkon z widokiem na park.",
            "Sklepy, szkoły i tramwaj w odległości pięciu minut.",
            "Dostępne od {date}.",
        ),
        "sale": (
            "Zadbane mieszkanie w poszukiwanej okolicy.",
            "{rooms} pokoje, zabudowana kuchnia i piwnica.",
            "Niedawno wymienione okna i ogrzewanie.",
        ),
        "houseshare": (
            "Jesteśmy trójką pracujących trzydziestolatków i szukamy porządnej osoby.",
            "Pokój jest umeblowany.",
            "Media i internet są wliczone w czynsz.",
        ),
        "classified": (
            "Sprzedaję z powodu przeprowadzki za granicę.",
            "Używany przez dwa sezony, bez rys.",
            "Mam oryginalny paragon i instrukcję.",
            "Cena do lekkiej negocjacji.",
        ),
    },
    "facts": {
        "travel": (
            ("Numer", "{ref}"),
            ("Data", "{date}"),
            ("Wylot", "{time} z {city}"),
            ("Cel", "{city2}"),
            ("Przewoźnik", "{carrier}"),
            ("Hotel", "{hotel}"),
            ("Zapłacono", "{price}"),
            ("Zameldowanie", "od 15:00"),
        ),
        "listings": (
            ("Czynsz", "{rent} miesięcznie"),
            ("Kaucja", "{deposit}"),
            ("Powierzchnia", "{size} m²"),
            ("Pokoje", "{rooms}"),
            ("Adres", "{street}, {city}"),
            ("Dostępne od", "{date}"),
            ("Cena", "{price}"),
            ("Kontakt", "{person}"),
        ),
    },
    "heads": {
        "travel": ("Przed podróżą", "Warto wiedzieć"),
        "listings": ("Oglądanie i płatność", "Warunki"),
    },
    "rules": {
        "travel": (
            "Prosimy stawić się na lotnisku co najmniej dwie godziny przed wylotem.",
            "Zabierz paszport i to potwierdzenie.",
            "Nie zostawiaj cennych rzeczy w samochodzie.",
            "Odpraw się online najpóźniej 24 godziny przed lotem.",
            "Przy stanowisku musisz okazać kartę użytą do rezerwacji.",
            "Zwróć samochód z pełnym bakiem.",
            "Załóż wygodne buty, trasa prowadzi po bruku.",
            "Poinformuj nas o alergiach pokarmowych z trzydniowym wyprzedzeniem.",
            "Zachowaj wszystkie rachunki, jeśli chcesz zgłosić szkodę.",
            "Zignoruj wcześniejszego e-maila o zmianie bramki.",
            "Podczas wejścia na pokład stosuj się do poleceń załogi.",
            "Odbierz klucze w recepcji przed 22:00.",
        ),
        "listings": (
            "Najemcy muszą przedstawić dwie referencje i zaświadczenie o dochodach.",
            "Wpłać kaucję w ciągu 48 godzin, aby zarezerwować mieszkanie.",
            "Przed przyjściem umów się na oglądanie.",
            "Weź na oglądanie dowód osobisty.",
            "Nie wysyłaj pieniędzy, zanim zobaczysz mieszkanie.",
            "Przeczytaj protokół zdawczo-odbiorczy i podpisz każdą stronę.",
            "Prosimy nie dzwonić po 21:00.",
            "Zignoruj starą cenę na zdjęciu.",
            "Okres wypowiedzenia wynosi trzy miesiące, na piśmie.",
        ),
    },
    "notes": {
        "travel": (
            "Rezerwacją zarządzasz na {url}.",
            "Pytania? Napisz na {mail} i podaj numer {ref}.",
            "Opłatę miejscową 2,50 EUR za noc płaci się w hotelu.",
            "Zmiany są bezpłatne do siedmiu dni przed wyjazdem.",
        ),
        "listings": (
            "Kaucję w wysokości {deposit} wpłaca się na konto {iban} po podpisaniu umowy.",
            "Więcej zdjęć i rzut mieszkania na {url}.",
            "Oglądanie {date} w godz. 17–19; pisz na {mail}.",
            "Prowizję agencji pokrywa właściciel.",
        ),
    },
    "odd": (
        "Nasz asystent rezerwacji odpowiada na pytania całą dobę.",
        "Czatbot AI na naszej stronie pomaga porównać terminy, ale nie zmienia rezerwacji.",
        "Nie na temat: biuro jest zamknięte w najbliższy poniedziałek.",
        "Nigdy nie poprosimy o hasło e-mailem.",
        "Ogłoszenie przetłumaczono narzędziem AI; wiążący jest tekst polski.",
    ),
    "foot": (
        "{carrier} · {url}",
        "Wiadomość automatyczna, prosimy nie odpowiadać.",
        "Dodał(a): {person} · {mail}",
        "Obsługa klienta: {phone}",
    ),
    "mail_head": ("Temat: PD: {title}", "Temat: {title}"),
    "mail_intro": {
        "travel": (
            "Cześć {person2},\n\nprzesyłam dokumenty na przyszły tydzień. Wydrukuj je, proszę.",
            "Szanowni Państwo,\n\nponiżej potwierdzenie rezerwacji.",
        ),
        "listings": (
            "Cześć {person2},\n\nto mieszkanie, o którym mówiłem. Co myślisz?",
            "Dzień dobry,\n\ndziękuję za zainteresowanie; ogłoszenie wklejam poniżej.",
        ),
    },
    "mail_close": ("Pozdrawiam\n{person}", "Z poważaniem\n{person}"),
    "asks": {
        "travel": ("Możesz to streścić?", "O której muszę być na lotnisku?"),
        "listings": ("Czy to dobra oferta?", "Co zabrać na oglądanie?"),
    },
}
