"""Small talk, per language; written for sai (Apache-2.0)."""

from __future__ import annotations

CHAT = {
    "en": (
        "How was your weekend? Did you manage to get out to the coast?",
        "You should try the new bakery on the corner, their rye bread is great.",
        "I hope you feel better soon; let me know if you need anything from the shop.",
        "Are you coming to the barbecue on Saturday? Bring your guitar!",
        "Tell me more about your trip, I have never been to Portugal.",
        "Your presentation yesterday was really clear, well done.",
        "Can you believe it is already December?",
        "If you have time tomorrow, we could go for a walk by the lake.",
    ),
    "de": (
        "Wie war dein Wochenende? Warst du am Meer?",
        "Du solltest unbedingt die neue Bäckerei an der Ecke ausprobieren.",
        "Gute Besserung! Sag Bescheid, wenn du etwas aus dem Laden brauchst.",
        "Kommst du am Samstag zum Grillen? Bring deine Gitarre mit!",
    ),
    "fr": (
        "Comment s'est passé ton week-end ? Tu es allé à la mer ?",
        "Tu devrais essayer la nouvelle boulangerie du coin.",
        "Prends soin de toi et dis-moi si tu as besoin de quelque chose.",
        "Tu viens au barbecue samedi ? Apporte ta guitare !",
    ),
    "es": (
        "¿Qué tal el fin de semana? ¿Fuiste a la costa?",
        "Tienes que probar la panadería nueva de la esquina.",
        "¡Que te mejores! Dime si necesitas algo de la tienda.",
    ),
    "ru": (
        "Как прошли выходные? Ты съездил на море?",
        "Тебе обязательно надо попробовать новую пекарню на углу.",
    ),
    "zh": ("你周末过得怎么样？去海边了吗？", "你一定要去试试街角那家新开的面包店。"),
    "it": ("Com'è andato il fine settimana? Sei andato al mare?",),
    "pt": ("Como foi o teu fim de semana? Foste à praia?",),
}
