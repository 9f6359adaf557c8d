"""Every string the editors' admin shows (German only; the public site's are in ``texts``).

Field labels and hints live with their field specs (``services.content_types`` and
``services.news_admin``), validation messages with their rules
(``services.form_validation``): each in the one place that defines the field or rule.
"""

from partner_app.models import AuditAction, AuditEntity

ADMIN_TITLE = "Redaktion Städtepartnerschaften"
ADMIN_NAV_LABEL = "Redaktion"
ADMIN_NAV_NEWS = "Meldungen"
ADMIN_NAV_CONTENT = "Partnerschaften und Kontakte"
ADMIN_NAV_AUDIT = "Protokoll"
ADMIN_NAV_PUBLIC = "Öffentliche Seite"
ADMIN_SIGNED_IN_AS = "Angemeldet als"
ADMIN_LOG_OUT = "Abmelden"
LOGIN_HEADING = "Anmeldung für die Redaktion"
LOGIN_USERNAME = "Benutzername"
LOGIN_PASSWORD = "Passwort"  # noqa: S105 (a label, not a password)
LOGIN_SUBMIT = "Anmelden"
LOGGED_OUT = "Sie sind abgemeldet."
# Shown when an admin page sent a signed-out (or expired) editor here.
LOGIN_TO_CONTINUE = "Bitte melden Sie sich an. Danach öffnet sich die gewünschte Seite."
# The login was sent from a page of another site (cross-site request forgery).
LOGIN_FROM_ELSEWHERE = "Diese Anfrage kam nicht von dieser Website und wurde abgelehnt."
NEWS_LIST_HEADING = "Meldungen"
NEWS_NEW = "Neue Meldung"
NEWS_SEARCH = "Suche"
NEWS_STATUS_FILTER = "Status"
NEWS_ALL_STATUSES = "Alle"
NEWS_STATUS_OPTIONS = (("draft", "Entwurf"), ("published", "veröffentlicht"))
NEWS_COLUMNS = ("Titel", "Datum", "Status", "Aktionen")
NEWS_SCHEDULED = "geplant"
NEWS_EDIT = "Bearbeiten"
NEWS_PUBLISH = "Veröffentlichen"
NEWS_UNPUBLISH = "Zurückziehen"
NEWS_DELETE = "Löschen"
# Before and after the title.
NEWS_DELETE_CONFIRM = ("Meldung „", "“ endgültig löschen?")
CONTACT_DELETE_CONFIRM = ("Kontakt „", "“ löschen?")
NEWS_DELETE_YES = "Ja, löschen"
NEWS_DELETE_NO = "Abbrechen"
NEWS_EMPTY = "Keine Meldungen gefunden."
NEWS_FORM_NEW = "Neue Meldung"
NEWS_FORM_EDIT = "Meldung bearbeiten"
FORM_SAVE = "Speichern"
DRAFT_OFFER = (
    "Zu diesem Formular gibt es ungespeicherte Änderungen vom {saved_at}. "
    "Möchten Sie sie wiederherstellen?"
)
DRAFT_OFFER_LABEL = "Ungespeicherte Änderungen"
DRAFT_RESTORE = "Wiederherstellen"
DRAFT_DISCARD = "Verwerfen"
DRAFT_RESTORED = "Ihre ungespeicherten Änderungen sind wiederhergestellt. Bitte speichern Sie sie."
UNSAVED_CHANGES_QUESTION = (
    "Ihre Änderungen in diesem Formular sind noch nicht gespeichert. "
    "Seite trotzdem verlassen? Die Änderungen gehen dann verloren."
)
NEWS_FORM_BACK = "Zurück zur Liste"
NEWS_FORM_PREVIEW = "Vorschau des Textes"
NEWS_FORM_MARKDOWN_HINT = (
    "Markdown: **fett**, *kursiv*, [Linktext](https://…), Absätze mit Leerzeile."
)
NEWS_FORM_ENGLISH_HINT = (
    "Freiwillig. Leer gelassen zeigt die englische Seite den deutschen Text mit dem Hinweis "
    "„(only in German)“."
)
NEWS_FORM_DATE_HINT = (
    "Ein Datum in der Zukunft plant die Meldung: Sie erscheint erst an diesem Tag."
)
NEWS_FORM_CONFLICT = (
    "Diese Meldung wurde inzwischen von jemand anderem gespeichert. Ihre Änderungen wurden "
    "nicht gespeichert und stehen weiter im Formular. Geändert wurde:"
)
NEWS_FORM_RELOAD = "Aktuelle Fassung laden (Ihre Eingaben gehen verloren)"
PRECISION_OPTIONS = (
    ("day", "Tag bekannt"),
    ("month", "nur Monat bekannt"),
    ("year", "nur Jahr bekannt"),
)
AUDIT_HEADING = "Protokoll der Änderungen"
AUDIT_COLUMNS = ("Zeitpunkt", "Redakteur", "Aktion", "Eintrag", "Felder")
# Keyed by the stored code (a str); the enums name every code there is.
AUDIT_ACTION_LABELS: dict[str, str] = {
    AuditAction.created: "angelegt",
    AuditAction.changed: "geändert",
    AuditAction.deleted: "gelöscht",
    AuditAction.published: "veröffentlicht",
    AuditAction.unpublished: "zurückgezogen",
    AuditAction.done: "erledigt",
    AuditAction.reopened: "wieder geöffnet",
    AuditAction.answered: "beantwortet",
}
AUDIT_ENTITY_LABELS: dict[str, str] = {
    AuditEntity.news: "Meldung",
    AuditEntity.partnership: "Partnerschaft",
    AuditEntity.contact: "Kontakt",
    AuditEntity.office: "Anschrift",
    AuditEntity.intro: "Einleitung",
    AuditEntity.message: "Nachricht",
}

MESSAGE_DONE_BY = "erledigt am {at} von {editor}"
MESSAGE_ANSWERED_BY = "Beantwortet am {at} von {editor}"
MESSAGE_AUDIT_LABEL = "Nachricht Nr. {number}"

ADMIN_NAV_MESSAGES = "Postfach"
# After "Postfach" in the navigation link's accessible name ("Postfach, 3 neue Nachrichten").
NEW_MESSAGES_ONE = "1 neue Nachricht"
NEW_MESSAGES_MANY = "{count} neue Nachrichten"
# Before the heading of a message no editor had seen before this page view.
INBOX_NEW = "Neu"
INBOX_HEADING = "Nachrichten an das Partnerschaftsbüro"
INBOX_SHOW_DONE = "Erledigte anzeigen"
INBOX_EMPTY = "Keine offenen Nachrichten."
INBOX_MARK_DONE = "Als erledigt markieren"
INBOX_ANSWER = "Antworten"
INBOX_ANSWERED = (
    "Die Antwort öffnet sich in Ihrem E-Mail-Programm. Die Nachricht ist als beantwortet "
    "vermerkt; sie bleibt offen, bis Sie sie als erledigt markieren."
)
# The reply the "Antworten" link prepares in the editor's mail program.
REPLY_SUBJECT = "Ihre Nachricht an die Stadt Krefeld: {topic}"
REPLY_QUOTE_INTRO = "Am {received} schrieben Sie:"
# Below a quote shortened to keep the mailto: link usable.
REPLY_QUOTE_CUT = "(Zitat gekürzt)"
INBOX_REOPEN = "Wieder öffnen"
INBOX_FROM = "Von"
INBOX_RECEIVED = "Eingegangen"
INBOX_PAGE = "Betroffene Seite"
INBOX_MARKED_DONE = "Die Nachricht ist als erledigt markiert."
INBOX_REOPENED = "Die Nachricht ist wieder offen."
INBOX_GONE = "Diese Nachricht gibt es nicht mehr."
INBOX_UNUSUAL_VOLUME = (
    "Ungewöhnlich viele Nachrichten in der letzten Stunde: {count}. Vielleicht eine "
    "Werbewelle; das Formular bleibt für alle offen, nur je Netz ist die Zahl begrenzt."
)

# The e-mail to the office about a new message (services/inbox_notifications.py): on
# purpose without the sender's name, address or text.
NOTIFICATION_SUBJECT = "Neue Nachricht an das Partnerschaftsbüro: {topic}"
NOTIFICATION_BODY = (
    "Über das Formular der Seiten „Städtepartnerschaften“ ist am {received} eine neue\n"
    "Nachricht eingegangen.\n"
    "\n"
    "Anliegen: {topic}\n"
    "\n"
    "Lesen und beantworten können Sie sie im Postfach der Redaktion (nach der Anmeldung):\n"
    "{inbox_url}\n"
    "\n"
    "Name, E-Mail-Adresse und Text der Nachricht stehen mit Absicht nicht in dieser\n"
    "E-Mail; sie bleiben in der Anwendung.\n"
    "\n"
    "-- \n"
    "Diese E-Mail wurde automatisch versandt. Bitte antworten Sie nicht darauf.\n"
)

# The editor forms and lists (state messages).
FORM_CHECK_FIELDS = "Bitte prüfen Sie die markierten Felder."
FORM_CURRENT_LOADED = "Die aktuelle Fassung wurde geladen."
NEWS_FORM_SAVED = "Die Meldung wurde gespeichert."
NEWS_FORM_GONE = "Diese Meldung wurde inzwischen gelöscht."
RECORD_FORM_SAVED = "Gespeichert."
RECORD_FORM_GONE = "Diesen Eintrag gibt es nicht mehr."
DELETED = "„{label}“ wurde gelöscht."
NEWS_LIST_GONE = "Diese Meldung gibt es nicht mehr; die Liste wurde neu geladen."
CONTACT_LIST_GONE = "Diesen Kontakt gibt es nicht mehr."
# After the title: "„Titel“ wurde veröffentlicht."
NEWS_STATUS_CHANGED = "„{title}“ wurde {done}."
NEWS_PUBLISHED = "veröffentlicht"
NEWS_UNPUBLISHED = "zurückgezogen"

# Pages: the content overview, the record form, the login, the image field.
CONTENT_TITLE = f"Inhalte – {ADMIN_TITLE}"
CONTENT_HEADING = "Inhalte der Seite"
CONTENT_PARTNERSHIPS = "Partnerschaften"
CONTENT_NEW_PARTNERSHIP = "Neue Partnerschaft"
CONTENT_PARTNERSHIP_COLUMNS = ("Partnerstadt", "Land und Status", "Aktionen")
CONTENT_CONTACTS = "Kontakte"
CONTENT_NEW_CONTACT = "Neuer Kontakt"
CONTENT_CONTACT_COLUMNS = ("Name", "Telefon und E-Mail", "Aktionen")
CONTENT_PAGE = "Seite"
CONTENT_EDIT_INTRO = "Einleitung bearbeiten"
CONTENT_EDIT_ADDRESS = "Anschrift bearbeiten"
LOGIN_TITLE = f"{LOGIN_HEADING} – Stadt Krefeld"
RECORD_FORM_TITLE = f"Eintrag bearbeiten – {ADMIN_TITLE}"
RECORD_FORM_BACK = "Zurück zur Übersicht"
RECORD_FORM_NEW = "Neu: "
RECORD_FORM_EDIT = "Bearbeiten: "
IMAGE_PREVIEW_ALT = "Vorschau des gewählten Bildes"
IMAGE_REMOVE = "Bild entfernen"
IMAGE_NONE = "Kein Bild gewählt."
IMAGE_FILE_LABEL = "Bilddatei auswählen"
IMAGE_UPLOAD = "Bild hochladen …"
# {limit} is the upload limit as services.image_uploads words it ("20 MB").
IMAGE_UPLOAD_HINT = (
    "JPEG, PNG oder WebP, höchstens {limit}. Das Bild wird verkleinert und ohne "
    "Metadaten (z. B. GPS-Position) gespeichert."
)
IMAGE_LEGEND = "Bild"
IMAGE_ONE_PLEASE = "Bitte wählen Sie genau ein Bild."
# Why an upload was refused ({size}: the file's size, "13,6 MB").
IMAGE_TOO_LARGE = "Das Bild ist zu groß ({size}). Erlaubt sind höchstens {limit}."
IMAGE_TOO_LARGE_UNMEASURED = "Das Bild ist zu groß. Erlaubt sind höchstens {limit}."
IMAGE_WRONG_TYPE = "Die Datei ist kein gültiges Bild. Erlaubt sind JPEG, PNG und WebP bis {limit}."
IMAGE_EMPTY = "Die Datei ist leer."
IMAGE_TOO_MANY_PIXELS = "Das Bild hat zu viele Bildpunkte (höchstens {megapixels} Megapixel)."

# The two-factor login: the code step of the login, and its set-up on the account page.
LOGIN_CODE_HEADING = "Code eingeben"
LOGIN_CODE_TITLE = f"{LOGIN_CODE_HEADING} – {ADMIN_TITLE}"
LOGIN_CODE_INTRO = (
    "Ihr Konto ist mit einer Zwei-Faktor-Anmeldung geschützt. Geben Sie den sechsstelligen "
    "Code ein, den Ihre Authenticator-App jetzt zeigt."
)
LOGIN_CODE_LABEL = "Code aus der App"
LOGIN_CODE_SUBMIT = "Bestätigen"
LOGIN_RECOVERY_SUMMARY = "Kein Zugriff auf die App? Wiederherstellungscode verwenden"
LOGIN_RECOVERY_LABEL = "Wiederherstellungscode"
LOGIN_RECOVERY_HINT = "Jeder Wiederherstellungscode gilt nur ein einziges Mal."
LOGIN_CODE_EXPIRED = (
    "Die Zeit für den Code ist abgelaufen. Bitte melden Sie sich noch einmal mit Ihrem Passwort an."
)
ADMIN_NAV_ACCOUNT = "Konto"
ACCOUNT_HEADING = "Ihr Konto"
ACCOUNT_TITLE = f"{ACCOUNT_HEADING} – {ADMIN_TITLE}"
TWO_FACTOR_HEADING = "Zwei-Faktor-Anmeldung"
TWO_FACTOR_EXPLAINED = (
    "Mit der Zwei-Faktor-Anmeldung braucht die Anmeldung außer dem Passwort einen Code aus "
    "einer Authenticator-App auf Ihrem Telefon (zum Beispiel FreeOTP, Aegis oder Google "
    "Authenticator). Wer Ihr Passwort kennt, kommt so noch nicht in die Redaktion."
)
TWO_FACTOR_REQUIRED = (
    "Die Zwei-Faktor-Anmeldung ist für alle Redakteurinnen und Redakteure vorgeschrieben. "
    "Bitte richten Sie sie ein; erst danach öffnet sich die Redaktion."
)
TWO_FACTOR_OFF = "Die Zwei-Faktor-Anmeldung ist nicht eingerichtet."
TWO_FACTOR_ON = "Die Zwei-Faktor-Anmeldung ist eingerichtet."
TWO_FACTOR_CODES_LEFT = "Unbenutzte Wiederherstellungscodes: "
TWO_FACTOR_START = "Zwei-Faktor-Anmeldung einrichten"
TWO_FACTOR_SCAN = (
    "1. Scannen Sie diesen QR-Code mit Ihrer Authenticator-App, oder geben Sie dort den "
    "Schlüssel darunter von Hand ein."
)
TWO_FACTOR_QR_ALT = "QR-Code zum Einrichten der Authenticator-App"
TWO_FACTOR_SECRET_LABEL = "Schlüssel zur Eingabe von Hand:"  # noqa: S105 (a label)
TWO_FACTOR_CONFIRM_INTRO = "2. Geben Sie zur Bestätigung den Code ein, den die App jetzt zeigt."
TWO_FACTOR_CONFIRM = "Einrichtung bestätigen"
TWO_FACTOR_CANCEL = "Abbrechen"
TWO_FACTOR_ENABLED = "Die Zwei-Faktor-Anmeldung ist jetzt eingerichtet."
TWO_FACTOR_CODES_INTRO = (
    "Ihre Wiederherstellungscodes: Bewahren Sie sie sicher auf (ausgedruckt oder im "
    "Passwortmanager). Mit jedem kommen Sie einmal ohne die App herein. Sie werden nur "
    "jetzt angezeigt."
)
TWO_FACTOR_CODES_DONE = "Ich habe die Codes gesichert"
TWO_FACTOR_DISABLE_LABEL = "Passwort oder aktueller Code"
TWO_FACTOR_DISABLE = "Zwei-Faktor-Anmeldung ausschalten"
TWO_FACTOR_DISABLED = "Die Zwei-Faktor-Anmeldung ist ausgeschaltet."
