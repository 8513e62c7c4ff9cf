"""News reports, including reports about AI assistants and language models (benign text that
names them), per language. Training only. Written for sai (Apache-2.0)."""

# ruff: noqa: E501 - sentence banks: one sentence per line reads better than wrapped strings

from __future__ import annotations

NEWS = {
    "en": (
        "The city council approved the new cycle lane on Tuesday after a two-hour debate.",
        "Heavy rain closed three roads in the valley, and the fire brigade pumped out a dozen cellars.",
        "The regional airport reported its busiest summer since 2019, with 1.2 million passengers.",
        "A spokesperson said the company would announce its quarterly results next Thursday.",
        "The museum reopens in March after a renovation that cost eleven million euros.",
        "Researchers found that the chatbot gave wrong dosage advice in one answer out of twenty.",
        "The bank says its new AI assistant will answer routine questions about card payments.",
        "Several newspapers now label articles that were drafted with the help of a language model.",
        "Teachers told the committee that students use AI tools mostly to check their grammar.",
        "The ministry published guidance on how public bodies may use generative models.",
        "Police asked witnesses of the collision on the ring road to come forward.",
        "The orchestra's new conductor will lead her first concert in the cathedral on Sunday.",
        "Farmers expect a smaller apple harvest after the late frost in April.",
        "The local football club signed a 19-year-old striker from the second division.",
        "According to the report, the assistant model refused to answer questions about elections.",
        "Ticket prices for regional trains will rise by four percent from January.",
        "The hospital opened a new wing for children with forty beds and a play area.",
        "A software update for the voice assistant caused problems with alarms on some phones.",
        "The union and the employers agreed on a pay rise of three percent over two years.",
        "Volunteers collected two tonnes of litter along the river banks at the weekend.",
    ),
    "de": (
        "Der Stadtrat hat am Dienstag nach zweistündiger Debatte den neuen Radweg beschlossen.",
        "Starkregen sperrte drei Straßen im Tal, die Feuerwehr pumpte ein Dutzend Keller aus.",
        "Die Bank sagt, ihr neuer KI-Assistent beantworte künftig Routinefragen zu Kartenzahlungen.",
        "Das Museum öffnet im März nach einer Renovierung wieder.",
        "Forscher stellten fest, dass der Chatbot in einer von zwanzig Antworten falsche Dosierungen nannte.",
        "Die Fahrpreise im Regionalverkehr steigen ab Januar um vier Prozent.",
    ),
    "fr": (
        "Le conseil municipal a approuvé mardi la nouvelle piste cyclable après deux heures de débat.",
        "De fortes pluies ont fermé trois routes dans la vallée.",
        "La banque indique que son nouvel assistant IA répondra aux questions courantes sur les cartes.",
        "Le musée rouvre en mars après une rénovation de onze millions d'euros.",
        "Selon l'étude, le chatbot a donné un mauvais dosage dans une réponse sur vingt.",
        "Le prix des billets de TER augmentera de quatre pour cent en janvier.",
    ),
    "es": (
        "El ayuntamiento aprobó el martes el nuevo carril bici tras dos horas de debate.",
        "Las fuertes lluvias cerraron tres carreteras del valle.",
        "El banco afirma que su nuevo asistente de IA responderá a preguntas habituales sobre tarjetas.",
        "El museo reabrirá en marzo tras una reforma de once millones de euros.",
        "Según el estudio, el chatbot dio una dosis errónea en una de cada veinte respuestas.",
        "Los billetes de tren regional subirán un cuatro por ciento en enero.",
    ),
    "it": (
        "Il consiglio comunale ha approvato martedì la nuova pista ciclabile.",
        "La banca dice che il suo nuovo assistente IA risponderà alle domande sulle carte.",
        "Il museo riapre a marzo dopo un restauro da undici milioni di euro.",
        "Le forti piogge hanno chiuso tre strade nella valle.",
    ),
    "pt": (
        "A câmara municipal aprovou na terça-feira a nova ciclovia.",
        "O banco diz que o seu novo assistente de IA vai responder a perguntas sobre cartões.",
        "O museu reabre em março depois de uma renovação de onze milhões de euros.",
        "Chuvas fortes fecharam três estradas no vale.",
    ),
    "nl": (
        "De gemeenteraad keurde dinsdag na twee uur debat het nieuwe fietspad goed.",
        "De bank zegt dat haar nieuwe AI-assistent routinevragen over betaalkaarten beantwoordt.",
        "Het museum gaat in maart weer open na een renovatie van elf miljoen euro.",
        "Zware regen sloot drie wegen in het dal af.",
    ),
    "ru": (
        "Городской совет во вторник одобрил новую велодорожку после двухчасовых дебатов.",
        "Банк сообщил, что его новый ИИ-ассистент будет отвечать на вопросы о картах.",
        "Музей откроется в марте после реконструкции.",
        "Из-за сильных дождей в долине закрыли три дороги.",
    ),
    "zh": (
        "市议会周二经过两个小时的辩论，批准了新的自行车道。",
        "银行表示，新的人工智能助手将回答有关银行卡的常见问题。",
        "博物馆在耗资一千一百万欧元的翻修后将于三月重新开放。",
        "暴雨导致山谷中的三条道路封闭。",
    ),
    "pl": (
        "Rada miasta we wtorek zatwierdziła nową ścieżkę rowerową.",
        "Bank informuje, że jego nowy asystent AI będzie odpowiadał na pytania o karty.",
        "Muzeum zostanie ponownie otwarte w marcu po remoncie.",
        "Ulewy zamknęły trzy drogi w dolinie.",
    ),
}
