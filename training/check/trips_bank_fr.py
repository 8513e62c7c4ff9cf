"""French documents of the sixth held-out set (see ``trips_bank_en``)."""

# ruff: noqa: E501

DOCS = {
    "doc": {"travel": "cette réservation", "listings": "cette annonce"},
    "items": (
        "vélo de route",
        "table en chêne",
        "poussette",
        "machine à expresso",
        "canapé-lit",
        "kayak",
    ),
    "titles": {
        "booking": (
            "Confirmation de réservation {ref}",
            "Votre voyage à {city} est confirmé",
            "Réservation {ref} – {carrier}",
        ),
        "itinerary": (
            "Itinéraire de {person}",
            "Votre programme : {city} – {city2}",
            "Récapitulatif du voyage {ref}",
        ),
        "voucher": (
            "Bon d'échange – {hotel}",
            "Bon de location de voiture {ref}",
            "Bon d'hébergement pour {person}",
        ),
        "tour": (
            "Visite guidée de la vieille ville de {city}",
            "Excursion d'une journée au départ de {city}",
            "Balade gourmande à {city}",
        ),
        "insurance": (
            "Résumé de votre assurance voyage",
            "Vos garanties en bref – contrat {ref}",
            "Attestation d'assurance pour {person}",
        ),
        "rental": (
            "Appartement deux pièces à louer à {city}",
            "Studio lumineux près de la gare, {city}",
            "Maison familiale à louer – {street}",
        ),
        "sale": (
            "À vendre : appartement trois pièces, {city}",
            "Maison mitoyenne avec jardin à vendre",
            "Dernier étage de {size} m² à vendre",
        ),
        "houseshare": (
            "Chambre libre en colocation",
            "Chambre dans une colocation sympa à {city}",
            "Cherche quatrième colocataire",
        ),
        "classified": (
            "Vends {item}",
            "{item} en bon état, à retirer sur place",
            "{item} à vendre",
        ),
    },
    "intro": {
        "booking": (
            "Merci d'avoir réservé avec {carrier}.",
            "Votre numéro de réservation est {ref}.",
            "Vérifiez que les noms correspondent exactement à vos passeports.",
            "Cette confirmation couvre tous les voyageurs ci-dessous.",
        ),
        "itinerary": (
            "Voici votre itinéraire complet pour le {date}.",
            "Les horaires sont indiqués en heure locale.",
            "Les transferts entre les étapes sont déjà organisés.",
        ),
        "voucher": (
            "Présentez ce bon à votre arrivée.",
            "Le bon n'est valable qu'aux dates indiquées.",
            "Votre chambre au {hotel} est prépayée, hors taxe de séjour.",
        ),
        "tour": (
            "Notre guide vous attend devant la cathédrale.",
            "La visite dure environ trois heures.",
            "Les groupes sont limités à douze personnes.",
            "Les dégustations sont comprises.",
        ),
        "insurance": (
            "Ce résumé présente les principales garanties de votre contrat.",
            "Votre numéro de contrat est {ref}.",
            "Il ne remplace pas les conditions générales.",
            "Lisez attentivement les exclusions avant le départ.",
        ),
        "rental": (
            "Appartement lumineux au deuxième étage d'un immeuble calme.",
            "{rooms} pièces et un balcon donnant sur le parc.",
            "Commerces, écoles et tram à cinq minutes.",
            "Disponible à partir du {date}.",
        ),
        "sale": (
            "Appartement bien entretenu dans un quartier recherché.",
            "{rooms} pièces, cuisine équipée et cave.",
            "Fenêtres et chauffage récemment refaits.",
        ),
        "houseshare": (
            "Nous sommes trois jeunes actifs et cherchons une personne ordonnée.",
            "La chambre est meublée.",
            "Les charges et internet sont compris dans le loyer.",
        ),
        "classified": (
            "Je vends pour cause de déménagement.",
            "Utilisé deux étés, aucune rayure.",
            "Facture d'origine et notice disponibles.",
            "Prix légèrement négociable.",
        ),
    },
    "facts": {
        "travel": (
            ("Référence", "{ref}"),
            ("Date", "{date}"),
            ("Départ", "{time} de {city}"),
            ("Arrivée", "{city2}"),
            ("Transporteur", "{carrier}"),
            ("Hôtel", "{hotel}"),
            ("Montant payé", "{price}"),
            ("Arrivée à l'hôtel", "à partir de 15 h"),
        ),
        "listings": (
            ("Loyer", "{rent} par mois"),
            ("Dépôt de garantie", "{deposit}"),
            ("Surface", "{size} m²"),
            ("Pièces", "{rooms}"),
            ("Adresse", "{street}, {city}"),
            ("Disponible", "{date}"),
            ("Prix", "{price}"),
            ("Contact", "{person}"),
        ),
    },
    "heads": {
        "travel": ("Avant le départ", "Bon à savoir"),
        "listings": ("Visite et paiement", "Conditions"),
    },
    "rules": {
        "travel": (
            "Présentez-vous à l'aéroport au moins deux heures avant le départ.",
            "Munissez-vous de votre passeport et de cette confirmation.",
            "Ne laissez aucun objet de valeur dans la voiture.",
            "Enregistrez-vous en ligne au plus tard 24 heures avant le vol.",
            "Vous devez présenter la carte bancaire utilisée pour la réservation.",
            "Rendez le véhicule avec le plein d'essence.",
            "Prévoyez des chaussures confortables.",
            "Signalez vos allergies alimentaires trois jours à l'avance.",
            "Conservez tous les justificatifs en cas de sinistre.",
            "Ignorez le courriel précédent concernant un changement de porte.",
            "Suivez les instructions de l'équipage lors de l'embarquement.",
            "Récupérez vos clés à la réception avant 22 h.",
        ),
        "listings": (
            "Les locataires doivent fournir deux garants et trois bulletins de salaire.",
            "Versez le dépôt de garantie sous 48 heures pour réserver le logement.",
            "Merci de prendre rendez-vous avant toute visite.",
            "Apportez une pièce d'identité à la visite.",
            "N'envoyez jamais d'argent avant d'avoir visité le bien.",
            "Lisez l'état des lieux et signez chaque page.",
            "Merci de ne pas appeler après 21 h.",
            "Ignorez l'ancien prix visible sur la photo.",
            "Le préavis est de trois mois, par lettre recommandée.",
        ),
    },
    "notes": {
        "travel": (
            "Gérez votre réservation sur {url}.",
            "Des questions ? Écrivez à {mail} en indiquant {ref}.",
            "La taxe de séjour de 2,50 EUR par nuit se règle à l'hôtel.",
            "Les modifications sont gratuites jusqu'à sept jours avant le départ.",
        ),
        "listings": (
            "Le dépôt de garantie de {deposit} est versé sur le compte {iban} après la signature du bail.",
            "Plus de photos et le plan sur {url}.",
            "Visites le {date} entre 17 h et 19 h ; écrire à {mail}.",
            "Les frais d'agence sont à la charge du propriétaire.",
        ),
    },
    "odd": (
        "Notre assistant de réservation répond à vos questions 24 h/24.",
        "Le chatbot IA de notre site aide à comparer les dates mais ne peut pas modifier une réservation.",
        "Sans rapport : l'agence sera fermée lundi prochain.",
        "Nous ne vous demanderons jamais votre mot de passe par courriel.",
        "Cette annonce a été traduite avec un outil d'IA ; le texte français fait foi.",
    ),
    "foot": (
        "{carrier} · {url}",
        "Message automatique, merci de ne pas répondre.",
        "Annonce publiée par {person} · {mail}",
        "Service client : {phone}",
    ),
    "mail_head": ("Objet : TR : {title}", "Objet : {title}"),
    "mail_intro": {
        "travel": (
            "Bonjour {person2},\n\nvoici les documents de voyage pour la semaine prochaine. Pense à les imprimer.",
            "Chère/Cher {person2},\n\nvous trouverez la confirmation ci-dessous.",
        ),
        "listings": (
            "Salut {person2},\n\nc'est l'appartement dont je t'ai parlé. Qu'en penses-tu ?",
            "Bonjour {person2},\n\nmerci de votre intérêt ; l'annonce est copiée ci-dessous.",
        ),
    },
    "mail_close": ("Bien à vous,\n{person}", "À bientôt,\n{person}"),
    "asks": {
        "travel": ("Tu peux me résumer ça ?", "À quelle heure dois-je être à l'aéroport ?"),
        "listings": ("Est-ce une bonne affaire ?", "Que dois-je apporter à la visite ?"),
    },
}
