"""English sentences of the sixth held-out set for one kind of document: second-hand goods
(``GOODS``), tours, insurance summaries, vouchers and sales (``KIND_RULES``)."""

GOODS = {
    "facts": (
        ("Price", "{price}"),
        ("Condition", "very good"),
        ("Collection", "{city}"),
        ("Seller", "{person}"),
        ("Delivery", "not possible"),
    ),
    "rules": (
        "Collection only; please bring a friend to help carry it.",
        "Pay in cash or by bank transfer on collection.",
        "Check the item carefully at collection; no returns.",
        "Ignore the old price in the photo; the price above is current.",
        "Do not send money before you have seen the item.",
        "Please do not call after 21:00.",
        "Bring a van or a large estate car; it does not fit in a small boot.",
        "Message me first to check it is still available.",
        "Sold as seen, without warranty.",
        "Please do not ask whether I will post it; I will not.",
    ),
}
KIND_RULES = {
    "tour": (
        "Wear comfortable shoes and bring water.",
        "Meet the guide ten minutes before the start.",
        "Tell the guide about any food allergies before the tasting.",
        "Please keep up with the group; we cannot wait for latecomers.",
        "Do not feed the pigeons on the square.",
        "Children must be accompanied by an adult.",
        "Bring a raincoat; the tour runs in all weather.",
    ),
    "insurance": (
        "Call the emergency line before you go to a private clinic.",
        "Keep all receipts and medical reports if you intend to make a claim.",
        "Notify us within 48 hours of any hospital admission.",
        "Report theft to the local police and ask for a written report.",
        "Do not admit liability to third parties after an accident.",
        "Submit your claim within 30 days of your return.",
        "Carry this summary and your policy number with you.",
    ),
    "voucher": (
        "Present this voucher and your ID on arrival.",
        "You must show the credit card used for the booking at the desk.",
        "Return the car with a full tank or a refuelling charge applies.",
        "Report any damage to the vehicle before you drive away.",
        "Do not leave valuables in the car.",
        "Collect your keys from the reception before 22:00.",
        "Let the hotel know if you will arrive after midnight.",
    ),
    "sale": (
        "Please book a viewing with the agent before you visit.",
        "Bring photo ID to the viewing.",
        "Offers must be made in writing through the agent.",
        "Buyers must show proof of funds or a mortgage offer in principle.",
        "Ask your solicitor to check the title deeds before you sign.",
        "Do not pay a reservation fee before you have seen the property.",
    ),
}
