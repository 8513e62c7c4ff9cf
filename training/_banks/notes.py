"""Meeting notes and minutes (decisions and action items for named people), per language.
Training only. Written for sai (Apache-2.0)."""

from __future__ import annotations

NOTES = {
    "en": (
        "- Attendees: Priya, Tomasz, Anna, Luis (minutes).",
        "- Budget for Q3 approved; marketing keeps its share.",
        "- Action: Tomasz to send the revised floor plan to facilities by Friday.",
        "- Action: Anna to ask legal whether the supplier contract can be extended.",
        "- Decision: the release moves to 14 March so that testing can finish.",
        "- Open question: who owns the customer survey after June?",
        "- Luis reported that the warehouse move is two weeks behind.",
        "- Agreed to pilot the chatbot on the intranet with twenty users first.",
        "- Next meeting: Tuesday 10:00, room 2.14.",
        "- Risk: the vendor may raise prices; Priya to get a second quote.",
        "- The team will stop using the old ticket system at the end of the month.",
        "- Reminder: everyone should complete the security training by 30 June.",
        "- Action: all team leads to review the holiday calendar.",
        "- Summary of the discussion: the AI summariser saves time but needs human review.",
        "- Approved: two new hires for the support desk.",
    ),
    "de": (
        "- Teilnehmende: Anna, Jonas, Mehmet (Protokoll).",
        "- Beschluss: Das Release wird auf den 14. März verschoben.",
        "- Aufgabe: Jonas schickt den überarbeiteten Plan bis Freitag an die Haustechnik.",
        "- Offene Frage: Wer betreut die Kundenumfrage ab Juni?",
        "- Nächste Sitzung: Dienstag 10 Uhr, Raum 2.14.",
    ),
    "fr": (
        "- Participants : Claire, Hugo, Nadia (compte rendu).",
        "- Décision : la sortie est reportée au 14 mars.",
        "- Action : Hugo envoie le plan révisé aux services généraux d'ici vendredi.",
        "- Question ouverte : qui reprend l'enquête clients en juin ?",
        "- Prochaine réunion : mardi 10 h, salle 2.14.",
    ),
    "es": (
        "- Asistentes: Lucía, Pablo, Marta (acta).",
        "- Decisión: el lanzamiento se aplaza al 14 de marzo.",
        "- Tarea: Pablo enviará el plano revisado a mantenimiento antes del viernes.",
        "- Pregunta abierta: ¿quién se encarga de la encuesta a partir de junio?",
        "- Próxima reunión: martes a las 10:00, sala 2.14.",
    ),
    "it": (
        "- Presenti: Giulia, Marco, Sara (verbale).",
        "- Decisione: il rilascio slitta al 14 marzo.",
        "- Azione: Marco invia la planimetria aggiornata entro venerdì.",
    ),
    "pt": (
        "- Presentes: Ana, João, Rita (ata).",
        "- Decisão: o lançamento passa para 14 de março.",
        "- Ação: João envia a planta revista até sexta-feira.",
    ),
    "nl": (
        "- Aanwezig: Sanne, Pieter, Ahmed (notulen).",
        "- Besluit: de release schuift op naar 14 maart.",
        "- Actie: Pieter stuurt het herziene plan vóór vrijdag naar facilitair.",
    ),
    "ru": (
        "- Присутствовали: Ольга, Игорь, Анна (протокол).",
        "- Решение: релиз переносится на 14 марта.",
        "- Задача: Игорь до пятницы отправит исправленный план.",
    ),
    "zh": (
        "- 参会人：李明、王芳、张伟（记录）。",
        "- 决定：发布推迟到3月14日。",
        "- 待办：张伟周五前把修改后的平面图发给后勤。",
    ),
    "pl": (
        "- Obecni: Kasia, Marek, Ola (protokół).",
        "- Decyzja: wydanie przesuwa się na 14 marca.",
        "- Zadanie: Marek wyśle poprawiony plan do piątku.",
    ),
}
