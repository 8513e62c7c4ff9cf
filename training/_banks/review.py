"""Reviews (the held-out genre: documents of it are never trained), per language; written for sai (Apache-2.0)."""

# ruff: noqa: E501 - sentence banks: one sentence per line reads better than wrapped strings

from __future__ import annotations

REVIEW = {
    "en": (
        "I bought this kettle three months ago and it still works perfectly.",
        "The staff were friendly, but the room was smaller than in the photos.",
        "Battery life is excellent; I charge it only twice a week.",
        "The pasta was overcooked and the sauce far too salty.",
        "Delivery took almost two weeks, which is longer than promised.",
        "Great value for the price, although the instructions are confusing.",
        "The hotel is a five-minute walk from the station and very quiet at night.",
        "After a month the zipper broke, so I cannot recommend this backpack.",
        "Customer service replaced the faulty unit without any questions.",
        "The sound quality is clear, but the headphones press on my ears after an hour.",
        "We loved the breakfast buffet, especially the fresh fruit.",
        "Four stars: solid build, but the app keeps asking me to log in again.",
        "If you are looking for a quiet café to work in, this is the place.",
        "The screen scratches easily, so buy a protector with it.",
    ),
    "de": (
        "Ich habe den Wasserkocher vor drei Monaten gekauft und er funktioniert noch einwandfrei.",
        "Das Personal war freundlich, aber das Zimmer war kleiner als auf den Fotos.",
        "Die Lieferung hat fast zwei Wochen gedauert.",
        "Das Frühstück war hervorragend, vor allem das frische Obst.",
    ),
    "fr": (
        "J'ai acheté cette bouilloire il y a trois mois et elle fonctionne parfaitement.",
        "Le personnel était aimable, mais la chambre était plus petite que sur les photos.",
        "La livraison a pris presque deux semaines.",
        "Le petit-déjeuner était excellent, surtout les fruits frais.",
    ),
    "es": (
        "Compré este hervidor hace tres meses y sigue funcionando perfectamente.",
        "El personal fue amable, pero la habitación era más pequeña que en las fotos.",
        "El envío tardó casi dos semanas.",
    ),
    "ru": (
        "Купил этот чайник три месяца назад, работает отлично.",
        "Персонал приветливый, но номер меньше, чем на фотографиях.",
    ),
    "zh": ("这个水壶我买了三个月，到现在还很好用。", "服务员很热情，但房间比照片上小。"),
}
