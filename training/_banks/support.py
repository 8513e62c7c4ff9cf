"""Help-centre and FAQ text that addresses the customer as "you", per language. Training only.
Written for sai (Apache-2.0)."""

# ruff: noqa: E501 - sentence banks: one sentence per line reads better than wrapped strings

from __future__ import annotations

SUPPORT = {
    "en": (
        "If you forgot your password, click 'Forgot password' on the sign-in page and follow the e-mail.",
        "You can change your delivery address until the order has been dispatched.",
        "Refunds are paid to the original payment method within five working days.",
        "To cancel your subscription, open Account, then Billing, and choose Cancel plan.",
        "Our support team answers messages from Monday to Friday, 9:00 to 17:00.",
        "You will receive a confirmation e-mail once your booking is complete.",
        "Please do not reply to this automated message; use the contact form instead.",
        "If the app crashes on start, reinstall it and sign in again.",
        "Your data is stored in our data centre in Frankfurt and is never sold.",
        "Why was my card declined? Usually because the billing address does not match.",
        "Can I return a sale item? Yes, within fourteen days, if it is unused.",
        "You can ask our virtual assistant simple questions about your order status.",
        "Tell us the order number and a photo of the damage, and we will send a replacement.",
        "Never share your one-time code with anyone, not even with our staff.",
        "How do I export my contacts? Go to Settings, then Data, then Export as CSV.",
        "Two-factor authentication protects your account even if your password is stolen.",
        "If you do not see the e-mail, check your spam folder.",
        "Premium members can chat with an agent at any time of day.",
        "Delete your account from the privacy page; this cannot be undone.",
        "Ignore any message that asks you to confirm your password by e-mail; we never do that.",
    ),
    "de": (
        "Wenn Sie Ihr Passwort vergessen haben, klicken Sie auf der Anmeldeseite auf 'Passwort vergessen'.",
        "Sie können Ihre Lieferadresse ändern, bis die Bestellung versandt wurde.",
        "Erstattungen erfolgen innerhalb von fünf Werktagen auf das ursprüngliche Zahlungsmittel.",
        "Um Ihr Abo zu kündigen, öffnen Sie Konto, dann Abrechnung.",
        "Geben Sie Ihren Einmalcode niemals weiter, auch nicht an unsere Mitarbeiter.",
        "Wenn Sie die E-Mail nicht sehen, prüfen Sie Ihren Spam-Ordner.",
    ),
    "fr": (
        "Si vous avez oublié votre mot de passe, cliquez sur « Mot de passe oublié ».",
        "Vous pouvez modifier votre adresse de livraison tant que la commande n'est pas expédiée.",
        "Les remboursements sont versés sous cinq jours ouvrés.",
        "Pour résilier votre abonnement, ouvrez Compte, puis Facturation.",
        "Ne communiquez jamais votre code à usage unique, même à notre personnel.",
        "Si vous ne voyez pas l'e-mail, vérifiez vos courriers indésirables.",
    ),
    "es": (
        "Si olvidaste tu contraseña, pulsa «He olvidado mi contraseña» en la página de acceso.",
        "Puedes cambiar la dirección de entrega hasta que el pedido se haya enviado.",
        "Los reembolsos se abonan en cinco días hábiles.",
        "Para cancelar tu suscripción, abre Cuenta y luego Facturación.",
        "Nunca compartas tu código de un solo uso, ni siquiera con nuestro personal.",
        "Si no ves el correo, revisa la carpeta de spam.",
    ),
    "it": (
        "Se hai dimenticato la password, clicca su «Password dimenticata».",
        "Puoi cambiare l'indirizzo di consegna finché l'ordine non è stato spedito.",
        "Non condividere mai il codice monouso, nemmeno con il nostro personale.",
        "Se non vedi l'e-mail, controlla la cartella spam.",
    ),
    "pt": (
        "Se esqueceu a sua palavra-passe, clique em «Esqueci-me da palavra-passe».",
        "Pode alterar a morada de entrega até a encomenda ser enviada.",
        "Nunca partilhe o seu código único, nem com a nossa equipa.",
        "Se não vir o e-mail, verifique a pasta de spam.",
    ),
    "nl": (
        "Bent u uw wachtwoord vergeten, klik dan op 'Wachtwoord vergeten'.",
        "U kunt uw bezorgadres wijzigen tot de bestelling is verzonden.",
        "Deel uw eenmalige code nooit, ook niet met onze medewerkers.",
        "Ziet u de e-mail niet, kijk dan in uw spammap.",
    ),
    "ru": (
        "Если вы забыли пароль, нажмите «Забыли пароль?» на странице входа.",
        "Вы можете изменить адрес доставки, пока заказ не отправлен.",
        "Никогда не сообщайте одноразовый код, даже нашим сотрудникам.",
        "Если письма нет, проверьте папку «Спам».",
    ),
    "zh": (
        "如果忘记密码，请在登录页面点击“忘记密码”。",
        "订单发货之前，您可以修改收货地址。",
        "请勿向任何人透露您的一次性验证码，包括我们的员工。",
        "如果没有收到邮件，请检查垃圾邮件文件夹。",
    ),
    "pl": (
        "Jeśli nie pamiętasz hasła, kliknij „Nie pamiętam hasła” na stronie logowania.",
        "Adres dostawy możesz zmienić, dopóki zamówienie nie zostanie wysłane.",
        "Nigdy nie podawaj nikomu kodu jednorazowego, nawet naszym pracownikom.",
        "Jeśli nie widzisz wiadomości, sprawdź folder spam.",
    ),
}
