"""Portuguese documents of the sixth held-out set (see ``trips_bank_en``)."""

# ruff: noqa: E501

DOCS = {
    "doc": {"travel": "esta reserva", "listings": "este anúncio"},
    "items": (
        "bicicleta de estrada",
        "mesa de carvalho",
        "carrinho de bebé",
        "máquina de café expresso",
        "sofá-cama",
        "caiaque",
    ),
    "titles": {
        "booking": (
            "Confirmação de reserva {ref}",
            "A sua viagem a {city} está confirmada",
            "Reserva {ref} – {carrier}",
        ),
        "itinerary": (
            "Itinerário de {person}",
            "O seu plano de viagem: {city} – {city2}",
            "Resumo da viagem {ref}",
        ),
        "voucher": (
            "Voucher de hotel – {hotel}",
            "Voucher de aluguer de automóvel {ref}",
            "Voucher de alojamento para {person}",
        ),
        "tour": (
            "Visita guiada ao centro histórico de {city}",
            "Passeio de um dia a partir de {city}",
            "Roteiro gastronómico em {city}",
        ),
        "insurance": (
            "Resumo do seguro de viagem",
            "As suas coberturas – apólice {ref}",
            "Certificado de seguro para {person}",
        ),
        "rental": (
            "Arrenda-se T2 em {city}",
            "Estúdio luminoso junto à estação, {city}",
            "Moradia para arrendar – {street}",
        ),
        "sale": (
            "Vende-se T3, {city}",
            "Moradia em banda com jardim à venda",
            "Último andar de {size} m² à venda",
        ),
        "houseshare": (
            "Quarto disponível em casa partilhada",
            "Arrenda-se quarto em {city}",
            "Procuramos quarto colega de casa",
        ),
        "classified": ("Vendo {item}", "{item} em bom estado, só entrega em mão", "{item} à venda"),
    },
    "intro": {
        "booking": (
            "Obrigado por reservar com a {carrier}.",
            "O seu código de reserva é {ref}.",
            "Confirme que os nomes coincidem exatamente com os passaportes.",
            "Esta confirmação abrange todos os passageiros indicados.",
        ),
        "itinerary": (
            "Segue o seu itinerário completo para {date}.",
            "Todas as horas são locais.",
            "Os transferes entre etapas já estão organizados.",
        ),
        "voucher": (
            "Apresente este voucher à chegada.",
            "O voucher só é válido nas datas indicadas.",
            "O quarto no {hotel} está pago, exceto a taxa turística.",
        ),
        "tour": (
            "A guia espera por si em frente à sé.",
            "A visita dura cerca de três horas.",
            "Os grupos têm no máximo doze pessoas.",
            "As provas estão incluídas.",
        ),
        "insurance": (
            "Este resumo explica as principais coberturas da apólice.",
            "O número da apólice é {ref}.",
            "Não substitui as condições gerais.",
            "Leia com atenção as exclusões antes de viajar.",
        ),
        "rental": (
            "Apartamento luminoso num segundo andar de um prédio sossegado.",
            "{rooms} assoalhadas e varanda virada para o jardim.",
            "Comércio, escolas e elétrico a cinco minutos.",
            "Disponível a partir de {date}.",
        ),
        "sale": (
            "Apartamento bem conservado numa zona procurada.",
            "{rooms} assoalhadas, cozinha equipada e arrecadação.",
            "Janelas e aquecimento renovados recentemente.",
        ),
        "houseshare": (
            "Somos três profissionais na casa dos trinta à procura de alguém arrumado.",
            "O quarto é mobilado.",
            "Despesas e internet incluídas na renda.",
        ),
        "classified": (
            "Vendo por mudança para o estrangeiro.",
            "Usado dois verões, sem riscos.",
            "Tenho a fatura original e o manual.",
            "Preço ligeiramente negociável.",
        ),
    },
    "facts": {
        "travel": (
            ("Código", "{ref}"),
            ("Data", "{date}"),
            ("Partida", "{time} de {city}"),
            ("Destino", "{city2}"),
            ("Transportadora", "{carrier}"),
            ("Hotel", "{hotel}"),
            ("Valor pago", "{price}"),
            ("Check-in", "a partir das 15h"),
        ),
        "listings": (
            ("Renda", "{rent} por mês"),
            ("Caução", "{deposit}"),
            ("Área", "{size} m²"),
            ("Assoalhadas", "{rooms}"),
            ("Morada", "{street}, {city}"),
            ("Disponível", "{date}"),
            ("Preço", "{price}"),
            ("Contacto", "{person}"),
        ),
    },
    "heads": {
        "travel": ("Antes de viajar", "Informações úteis"),
        "listings": ("Visitas e pagamento", "Condições"),
    },
    "rules": {
        "travel": (
            "Chegue ao aeroporto pelo menos duas horas antes da partida.",
            "Traga o passaporte e esta confirmação.",
            "Não deixe objetos de valor no carro.",
            "Faça o check-in online até 24 horas antes do voo.",
            "Tem de apresentar no balcão o cartão usado na reserva.",
            "Devolva o carro com o depósito cheio.",
            "Use calçado confortável; o percurso tem calçada.",
            "Informe-nos de alergias alimentares com três dias de antecedência.",
            "Guarde todos os recibos se quiser apresentar uma participação.",
            "Ignore o e-mail anterior sobre a mudança de porta.",
            "Siga as instruções da tripulação durante o embarque.",
            "Levante as chaves na receção antes das 22h.",
        ),
        "listings": (
            "Os inquilinos têm de apresentar dois fiadores e os últimos recibos de vencimento.",
            "Pague a caução no prazo de 48 horas para reservar a casa.",
            "Marque a visita com antecedência.",
            "Traga o cartão de cidadão para a visita.",
            "Não envie dinheiro antes de ver o imóvel.",
            "Leia o inventário com atenção e rubrique todas as páginas.",
            "Por favor, não ligue depois das 21h.",
            "Ignore o preço antigo na fotografia.",
            "O pré-aviso é de dois meses, por escrito.",
        ),
    },
    "notes": {
        "travel": (
            "Gerir a reserva em {url}.",
            "Dúvidas? Escreva para {mail} indicando {ref}.",
            "A taxa turística de 2,50 EUR por noite paga-se no hotel.",
            "As alterações são gratuitas até sete dias antes da partida.",
        ),
        "listings": (
            "A caução de {deposit} é transferida para a conta {iban} depois de assinado o contrato.",
            "Mais fotografias e a planta em {url}.",
            "Visitas a {date} entre as 17h e as 19h; escreva para {mail}.",
            "A comissão da imobiliária é paga pelo senhorio.",
        ),
    },
    "odd": (
        "O nosso assistente de reservas responde a perguntas 24 horas por dia.",
        "O chatbot com IA do nosso site ajuda a comparar datas, mas não altera reservas.",
        "Sem relação: o escritório fecha na segunda-feira por ser feriado.",
        "Nunca lhe pediremos a palavra-passe por e-mail.",
        "Este anúncio foi traduzido com uma ferramenta de IA; prevalece o texto em português.",
    ),
    "foot": (
        "{carrier} · {url}",
        "Mensagem automática, não responda.",
        "Publicado por {person} · {mail}",
        "Apoio ao cliente: {phone}",
    ),
    "mail_head": ("Assunto: Fwd: {title}", "Assunto: {title}"),
    "mail_intro": {
        "travel": (
            "Olá {person2},\n\naqui vão os documentos da viagem. Imprime-os, por favor.",
            "Caro/a {person2},\n\nsegue abaixo a confirmação.",
        ),
        "listings": (
            "Olá {person2},\n\né o apartamento de que te falei. Que achas?",
            "Caro/a {person2},\n\nobrigado pelo interesse; o anúncio segue abaixo.",
        ),
    },
    "mail_close": ("Cumprimentos,\n{person}", "Até breve,\n{person}"),
    "asks": {
        "travel": ("Podes resumir isto?", "A que horas tenho de estar no aeroporto?"),
        "listings": ("É um bom negócio?", "O que devo levar à visita?"),
    },
}
