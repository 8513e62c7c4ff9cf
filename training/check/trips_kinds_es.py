"""Spanish sentences of the sixth held-out set for one kind of document: second-hand goods
(``GOODS``), tours, insurance summaries, vouchers and sales (``KIND_RULES``)."""

GOODS = {
    "facts": (
        ("Precio", "{price}"),
        ("Estado", "muy bueno"),
        ("Recogida", "{city}"),
        ("Vendedor", "{person}"),
        ("Envío", "no"),
    ),
    "rules": (
        "Solo recogida en mano; venga acompañado para cargarlo.",
        "Pago en efectivo o por transferencia al recogerlo.",
        "Revise el artículo al recogerlo; no se admiten devoluciones.",
        "Ignore el precio antiguo de la foto.",
        "Por favor, no llame después de las 21:00.",
        "Venga con furgoneta; no cabe en un coche pequeño.",
        "Escríbame antes para confirmar que sigue disponible.",
        "Venta entre particulares, sin garantía.",
    ),
}
KIND_RULES = {
    "tour": (
        "Lleve calzado cómodo y agua.",
        "Esté en el punto de encuentro diez minutos antes.",
        "Avise al guía de sus alergias antes de la degustación.",
        "No se separe del grupo; no podemos esperar a quien llegue tarde.",
        "Los menores deben ir acompañados de un adulto.",
        "Traiga un chubasquero; la visita se hace llueva o no.",
    ),
    "insurance": (
        "Llame a la línea de asistencia antes de acudir a una clínica privada.",
        "Guarde todos los recibos e informes médicos.",
        "Comuníquenos cualquier ingreso hospitalario en 48 horas.",
        "Denuncie cualquier robo ante la policía local y pida copia de la denuncia.",
        "No admita culpa ante terceros después de un accidente.",
        "Presente la reclamación en los 30 días siguientes a su regreso.",
    ),
    "voucher": (
        "Presente este bono y su documento de identidad a la llegada.",
        "Debe mostrar en el mostrador la tarjeta usada para la reserva.",
        "Devuelva el coche con el depósito lleno.",
        "Comunique cualquier daño antes de salir con el coche.",
        "No deje objetos de valor en el coche.",
        "Avise al hotel si va a llegar después de medianoche.",
    ),
    "sale": (
        "Concierte la visita con la agencia.",
        "Traiga su DNI o pasaporte a la visita.",
        "Los compradores deben acreditar financiación.",
        "Pida a su notario que revise la nota simple antes de firmar.",
        "No pague ninguna señal sin haber visto la vivienda.",
    ),
}
