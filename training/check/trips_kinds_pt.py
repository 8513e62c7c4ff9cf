"""Portuguese sentences of the sixth held-out set for one kind of document: second-hand goods
(``GOODS``), tours, insurance summaries, vouchers and sales (``KIND_RULES``)."""

GOODS = {
    "facts": (
        ("Preço", "{price}"),
        ("Estado", "muito bom"),
        ("Levantamento", "{city}"),
        ("Vendedor", "{person}"),
        ("Envio", "não"),
    ),
    "rules": (
        "Só entrega em mão; venha acompanhado para ajudar a carregar.",
        "Pagamento em numerário ou por transferência no levantamento.",
        "Verifique o artigo no levantamento; não aceito devoluções.",
        "Ignore o preço antigo na fotografia.",
        "Por favor, não ligue depois das 21h.",
        "Traga uma carrinha, não cabe num carro pequeno.",
        "Mande mensagem antes para confirmar se ainda está disponível.",
        "Venda entre particulares, sem garantia.",
    ),
}
KIND_RULES = {
    "tour": (
        "Use calçado confortável e traga água.",
        "Esteja no ponto de encontro dez minutos antes.",
        "Informe o guia de alergias antes da prova.",
        "Acompanhe o grupo; não podemos esperar por atrasados.",
        "As crianças têm de estar acompanhadas por um adulto.",
        "Traga um impermeável, a visita realiza-se com qualquer tempo.",
    ),
    "insurance": (
        "Ligue para a assistência antes de ir a uma clínica privada.",
        "Guarde todos os recibos e relatórios médicos.",
        "Comunique-nos qualquer internamento no prazo de 48 horas.",
        "Participe qualquer furto à polícia local e peça cópia do auto.",
        "Não assuma culpa perante terceiros depois de um acidente.",
        "Envie o pedido de reembolso até 30 dias após o regresso.",
    ),
    "voucher": (
        "Apresente este voucher e um documento de identificação à chegada.",
        "Tem de apresentar no balcão o cartão usado na reserva.",
        "Devolva o carro com o depósito cheio.",
        "Comunique qualquer dano antes de arrancar.",
        "Não deixe objetos de valor no carro.",
        "Avise o hotel se chegar depois da meia-noite.",
    ),
    "sale": (
        "Marque a visita com a imobiliária.",
        "Traga o cartão de cidadão para a visita.",
        "Os compradores têm de apresentar aprovação de crédito.",
        "Peça ao notário que verifique a certidão predial antes de assinar.",
        "Não pague sinal antes de ver o imóvel.",
    ),
}
