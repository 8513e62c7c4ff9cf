"""Book-like prose, per language; written for sai (Apache-2.0)."""

# ruff: noqa: E501 - sentence banks: one sentence per line reads better than wrapped strings

from __future__ import annotations

BOOK = {
    "en": (
        "The rain had not stopped for three days, and the river below the mill ran brown and loud.",
        "She folded the letter twice and put it in the drawer with the others, unread.",
        "Nobody in the village remembered when the clock on the church tower had last been right.",
        "He walked the length of the platform, counting the lamps as if they might have moved.",
        "The old dog lifted its head when the gate creaked, then lay down again in the sun.",
        "Her grandmother used to say that a house keeps the voices of everyone who lived in it.",
        "Outside, the snow covered the tracks of the cart before anyone thought to follow them.",
        "You could hear the sea from the attic window on quiet nights, if you held your breath.",
        "The captain said nothing for a long time, and then asked for his coat.",
        "They ate in silence, each pretending not to notice the empty chair at the end of the table.",
        "By the time the lanterns were lit, the fair had emptied and only the wind was left.",
        "Years later he would tell his children that the summer of the drought was the happiest.",
        "Do you remember, she asked, the night we missed the last boat and slept on the pier?",
        "The library smelled of dust and pipe tobacco, and the clocks all disagreed.",
        "When the letter finally came, it said only that the house had been sold.",
        "Marta had promised herself she would not cry at the station, and she kept her promise.",
    ),
    "de": (
        "Der Regen hatte seit drei Tagen nicht aufgehört, und der Fluss unter der Mühle war braun.",
        "Sie faltete den Brief zweimal und legte ihn ungelesen zu den anderen in die Schublade.",
        "Niemand im Dorf wusste mehr, wann die Kirchturmuhr zuletzt richtig gegangen war.",
        "Der alte Hund hob den Kopf, als das Tor knarrte, und legte sich wieder in die Sonne.",
        "Als die Laternen brannten, war der Jahrmarkt leer, und nur der Wind war geblieben.",
        "Weißt du noch, fragte sie, wie wir das letzte Schiff verpasst haben?",
    ),
    "fr": (
        "La pluie ne s'était pas arrêtée depuis trois jours, et la rivière grondait sous le moulin.",
        "Elle plia la lettre deux fois et la rangea dans le tiroir avec les autres, sans la lire.",
        "Personne au village ne se rappelait quand l'horloge du clocher avait été juste.",
        "Le vieux chien leva la tête quand le portail grinça, puis se recoucha au soleil.",
        "Quand on alluma les lanternes, la foire s'était vidée et il ne restait que le vent.",
        "Tu te souviens, demanda-t-elle, de la nuit où nous avons manqué le dernier bateau ?",
    ),
    "es": (
        "Llevaba tres días lloviendo y el río bajaba pardo y ruidoso junto al molino.",
        "Dobló la carta dos veces y la guardó en el cajón con las demás, sin leerla.",
        "Nadie en el pueblo recordaba cuándo había dado bien la hora el reloj de la iglesia.",
        "El perro viejo levantó la cabeza al chirriar la verja y volvió a tumbarse al sol.",
        "¿Te acuerdas, preguntó ella, de la noche en que perdimos el último barco?",
    ),
    "it": (
        "Pioveva da tre giorni e il fiume sotto il mulino scorreva torbido e rumoroso.",
        "Piegò la lettera due volte e la mise nel cassetto con le altre, senza leggerla.",
        "Nessuno in paese ricordava quando l'orologio del campanile avesse segnato l'ora giusta.",
    ),
    "ru": (
        "Дождь не прекращался три дня, и река под мельницей шумела и мутнела.",
        "Она сложила письмо вдвое и убрала его в ящик к остальным, не читая.",
        "Никто в деревне не помнил, когда часы на колокольне в последний раз шли верно.",
        "Ты помнишь, спросила она, ту ночь, когда мы опоздали на последний паром?",
    ),
    "zh": (
        "雨已经下了三天，磨坊下的河水又浑又急。",
        "她把信折了两折，没有拆开，就和别的信一起放进了抽屉。",
        "村里没有人记得教堂钟楼上的钟最后一次走准是什么时候。",
        "你还记得吗，她问，那天晚上我们错过了最后一班船？",
    ),
    "pt": (
        "Chovia havia três dias e o rio corria barrento e ruidoso junto ao moinho.",
        "Ela dobrou a carta duas vezes e guardou-a na gaveta com as outras, sem a ler.",
    ),
}
