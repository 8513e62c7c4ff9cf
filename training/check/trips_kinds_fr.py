"""French sentences of the sixth held-out set for one kind of document: second-hand goods
(``GOODS``), tours, insurance summaries, vouchers and sales (``KIND_RULES``)."""

GOODS = {
    "facts": (
        ("Prix", "{price}"),
        ("État", "très bon"),
        ("Retrait", "{city}"),
        ("Vendeur", "{person}"),
        ("Envoi", "impossible"),
    ),
    "rules": (
        "À retirer sur place uniquement ; venez à deux pour le porter.",
        "Paiement en espèces ou par virement au moment du retrait.",
        "Vérifiez l'article au retrait ; ni reprise ni échange.",
        "Ignorez l'ancien prix visible sur la photo.",
        "Merci de ne pas appeler après 21 h.",
        "Prévoyez une camionnette, il ne rentre pas dans une petite voiture.",
        "Envoyez-moi un message avant de venir pour vérifier la disponibilité.",
        "Vente entre particuliers, sans garantie.",
    ),
}
KIND_RULES = {
    "tour": (
        "Prévoyez des chaussures confortables et de l'eau.",
        "Soyez au point de rendez-vous dix minutes avant le départ.",
        "Signalez vos allergies au guide avant la dégustation.",
        "Restez avec le groupe ; nous ne pouvons pas attendre les retardataires.",
        "Les enfants doivent être accompagnés d'un adulte.",
        "Emportez un imperméable, la visite a lieu par tous les temps.",
    ),
    "insurance": (
        "Appelez l'assistance avant de vous rendre dans une clinique privée.",
        "Conservez tous les justificatifs et comptes rendus médicaux.",
        "Prévenez-nous sous 48 heures de toute hospitalisation.",
        "Déclarez tout vol à la police locale et demandez un récépissé.",
        "Ne reconnaissez aucune responsabilité après un accident.",
        "Envoyez votre déclaration dans les 30 jours suivant votre retour.",
    ),
    "voucher": (
        "Présentez ce bon et une pièce d'identité à l'arrivée.",
        "Vous devez présenter la carte bancaire utilisée pour la réservation.",
        "Rendez le véhicule avec le plein d'essence.",
        "Signalez tout dommage avant de prendre la route.",
        "Ne laissez aucun objet de valeur dans la voiture.",
        "Prévenez l'hôtel si vous arrivez après minuit.",
    ),
    "sale": (
        "Prenez rendez-vous avec l'agence avant toute visite.",
        "Apportez une pièce d'identité à la visite.",
        "Les acheteurs doivent présenter une attestation de financement.",
        "Faites vérifier le titre de propriété par votre notaire avant de signer.",
        "Ne versez aucun acompte avant d'avoir visité le bien.",
    ),
}
