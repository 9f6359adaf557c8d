"""Every string the site shows, in one place: German, the default language.

The public pages also exist in English (``texts_en`` has the same names). The
editors' admin is German only; its strings are in ``texts_admin``.
"""

from partner_app.models import ContactRole, MessageTopic, PartnershipKind, PartnershipStatus

PAGE_LANG = "de"
SITE_NAME = "Stadt Krefeld"
SITE_TITLE = "Städtepartnerschaften – Stadt Krefeld"
PUBLISHER = "Stadt Krefeld"
OG_LOCALE = "de_DE"
# The site's own image for link previews (assets/share/, drawn by render-placeholders).
SHARE_IMAGE_TITLE = "Städtepartnerschaften"
SHARE_IMAGE_ALT = "Grafik mit dem Schriftzug „Städtepartnerschaften – Stadt Krefeld“"
SKIP_LINK = "Zum Inhalt springen"
INDEX_DESCRIPTION = (
    "Krefelds Partnerstädte von Venlo bis Kropyvnytskyi, Nachrichten aus dem "
    "Pressearchiv und der Kontakt zum Partnerschaftsbüro."
)
LANGUAGE_NAV = "Sprache"
# The link to the other language, written in that language.
LANGUAGE_SWITCH = "English"
LANGUAGE_SWITCH_CODE = "en"
DISTANCE_LABEL = "Entfernung von Krefeld (Luftlinie): rund {km} km"
DISTANCE_UNDER_ONE_KM = "Entfernung von Krefeld (Luftlinie): unter 1 km"
ANNIVERSARY_LABEL = "{age} Jahre {name}"
ANNIVERSARY_YEARS = "{this_year} und {next_year}"
MAP_CAPTION = (
    "Karte der Partnerstädte. Kartengrundlage: Natural Earth (gemeinfrei). "
    "Die Links führen zum Reiter der Stadt."
)
MAP_MARKERS_LABEL = "Partnerstädte auf der Karte"
MAP_OUTSIDE_NOTE = " – liegt außerhalb des Kartenausschnitts"

# Map and phone layout
# The caption of the map's inset, drawn into the outline image (one image per language).
MAP_INSET_NORTH_AMERICA = "Nordamerika"

VALIDATION_REQUIRED = "Bitte füllen Sie dieses Feld aus."
VALIDATION_TOO_LONG = "Höchstens {limit} Zeichen (jetzt {length})."
VALIDATION_EMAIL = "Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@krefeld.de."
VALIDATION_CHOICE = "Bitte wählen Sie einen der angebotenen Werte."

TABS_LABEL = "Partnerstädte"
OVERVIEW_TAB = "Alle Partnerstädte"
OVERVIEW_HEADING = "Alle Partnerschaften auf einen Blick"
ANNIVERSARIES_HEADING = "Runde Jubiläen"
MAP_HEADING = "Die Partnerstädte auf der Karte"
OVERVIEW_COLUMNS = ("Partnerstadt", "Land", "Seit", "Status")
NATIVE_NAME = "Name in Landessprache"
COUNTRY = "Land"
REGION = "Region"
SINCE = "Partnerschaft seit"
KIND = "Art"
STATUS = "Status"
FACTS_HEADING = "Wissenswertes"

KIND_LABELS = {
    PartnershipKind.city: "Städtepartnerschaft",
    PartnershipKind.district: "Kreispartnerschaft",
    PartnershipKind.project: "Projektpartnerschaft",
}
CONTACT_ROLE_LABELS = {
    ContactRole.partnership_office: "Partnerschaftsbüro",
    ContactRole.press: "Presse",
}
# After a text shown on the English page in German (no English version yet).
ONLY_IN_GERMAN = "(nur auf Deutsch)"
STATUS_LABELS = {
    PartnershipStatus.active: "aktiv",
    PartnershipStatus.dormant: "ruhend",
    PartnershipStatus.suspended: "ausgesetzt",
}

NEWS_HEADING = "Nachrichten aus dem Pressearchiv"
FILTER_LEGEND = "Meldungen filtern"
FILTER_CITY = "Partnerstadt"
FILTER_YEAR = "Jahr"
FILTER_TOPIC = "Thema"
FILTER_SEARCH = "Suche"
FILTER_SEARCH_HINT = "Titel, Text, Stadt oder Land, z. B. „Dünkirchen“ oder „Ukraine“"
FILTER_ALL_CITIES = "Alle Städte"
FILTER_ALL_YEARS = "Alle Jahre"
# A facet option's count above news_archive.FACET_COUNT_LIMIT (the limit, formatted).
FACET_MORE = "{limit}+"
FILTER_ALL_TOPICS = "Alle Themen"
FILTER_RESET = "Filter zurücksetzen"
SEARCH_NO_EXACT = "Zu „{query}“ gibt es keine genauen Treffer; gezeigt wird, was ähnlich ist."
SEARCH_DID_YOU_MEAN = "Meinten Sie"
SEARCH_SUGGESTION = "„{suggestion}“"
RESULTS_NONE = "Keine Meldung gefunden."
RESULTS_ONE = "1 Meldung gefunden."
RESULTS_MANY = "{count} Meldungen gefunden."
RESULTS_SHOWN = "{shown} von {count} angezeigt."
EMPTY_STATE = (
    "Zu diesen Filtern gibt es keine Meldungen. "
    "Ändern Sie die Auswahl oder setzen Sie die Filter zurück."
)
LOAD_MORE = "Mehr laden"
IMAGE_CREDIT_PREFIX = "Bildnachweis:"

NEWS_BACK_TO_LIST = "Zurück zur Übersicht der Meldungen"
NEWS_RELATED_HEADING = "Weitere Meldungen zu diesen Partnerstädten"
NEWS_NOT_FOUND_TITLE = "Meldung nicht gefunden"
NEWS_NOT_FOUND_TEXT = (
    "Unter dieser Adresse gibt es keine Meldung. Vielleicht wurde sie verschoben oder "
    "zurückgezogen. Im Pressearchiv finden Sie alle veröffentlichten Meldungen."
)
NEWS_NOT_FOUND_LINK = "Zum Pressearchiv"
NEWS_LOADING = "Meldung wird geladen …"

FEED_TITLE = "Städtepartnerschaften Krefeld – Nachrichten"
FEED_TITLE_CITY = "Städtepartnerschaften Krefeld – Nachrichten zu {name}"
FEED_DESCRIPTION = "Meldungen aus dem Pressearchiv der Krefelder Städtepartnerschaften"
FEED_LINK_RSS = "Nachrichten als RSS-Feed"
FEED_LINK_ATOM = "Nachrichten als Atom-Feed"
OPEN_DATA_LINK = "Offene Daten (JSON-API, OpenAPI)"
# The open data API refuses a filter value that does not exist (status 422).
API_UNKNOWN_CITY = "„{value}“ ist keine Partnerstadt von Krefeld."
API_UNKNOWN_TOPIC = "Ein Thema „{value}“ gibt es nicht."
# The feeds of one partnership: announced in the page head, offered in the city's tab.
FEED_LINK_CITY_RSS = "Nachrichten zu {name} als RSS-Feed"
FEED_LINK_CITY_ATOM = "Nachrichten zu {name} als Atom-Feed"
CITY_FEED_LINK = "Nachrichten zu {name} als RSS-Feed abonnieren"
# Link previews (og:title): the page's own name, without the site's.
OG_TITLE_INDEX = "Die Partnerstädte von Krefeld"
OG_TITLE_CITY = "Krefeld und {name}"
FEED_UNKNOWN_CITY = "„{value}“ ist keine Partnerstadt von Krefeld; diesen Feed gibt es nicht."

NOT_FOUND_TITLE = "Seite nicht gefunden"
NOT_FOUND_TEXT = (
    "Unter dieser Adresse gibt es keine Seite. Vielleicht hat sie sich geändert, "
    "oder sie wurde falsch eingegeben."
)
NOT_FOUND_HOME_LINK = "Zur Startseite: Städtepartnerschaften"
NOT_FOUND_ARCHIVE_LINK = "Zum Pressearchiv"
TOO_MANY_EVENTS = (
    "Diese Seite hat sehr viele Anfragen in kurzer Zeit gesendet. "
    "Weitere werden für einige Sekunden nicht bearbeitet; bitte warten Sie einen Moment."
)
CONNECTION_LOST_TITLE = "Keine Verbindung zum Server."
CONNECTION_LOST_TEXT = (
    "Ihre Auswahl bleibt stehen und wird angewendet, sobald die Verbindung wieder besteht."
)
NOTICE_HEADING = "Hinweis zur Adresse"
NOTICE_UNKNOWN_PARAM = "Der Adressparameter „{name}“ ist unbekannt und wurde ignoriert."
NOTICE_UNKNOWN_CITY = (
    "„{value}“ ist keine Partnerstadt von Krefeld; der Stadtfilter wurde ignoriert."
)
NOTICE_BAD_YEAR = "„{value}“ ist kein gültiges Jahr; der Jahresfilter wurde ignoriert."
NOTICE_UNKNOWN_TOPIC = "Das Thema „{value}“ gibt es nicht; der Themenfilter wurde ignoriert."
NOTICE_QUERY_CUT = "Der Suchbegriff war zu lang und wurde auf {limit} Zeichen gekürzt."

CONTACT_HEADING = "Kontakt"
CONTACT_PHONE = "Telefon"
CONTACT_EMAIL = "E-Mail"
CONTACT_ROOM = "Zimmer"
ADDRESS_HEADING = "Anschrift"

MESSAGE_HEADING = "Schreiben Sie dem Partnerschaftsbüro"
MESSAGE_INTRO = (
    "Fragen, Ideen für Begegnungen oder Hinweise zu dieser Seite: Wir antworten in der Regel "
    "innerhalb einer Woche. Felder mit * sind Pflichtfelder."
)
MESSAGE_NAME = "Ihr Name *"
MESSAGE_EMAIL = "Ihre E-Mail-Adresse *"
MESSAGE_EMAIL_HINT = "Nur für unsere Antwort, z. B. name@beispiel.de"
MESSAGE_TOPIC = "Anliegen"
MESSAGE_PAGE = "Seite oder Inhalt mit der Barriere (optional)"
MESSAGE_TEXT = "Ihre Nachricht *"
MESSAGE_TEXT_HINT = "Höchstens 5000 Zeichen."
MESSAGE_CONSENT = (
    "Ich bin einverstanden, dass die Stadt Krefeld meine Angaben speichert, um meine Nachricht "
    "zu bearbeiten und mir zu antworten."
)
MESSAGE_HONEYPOT = "Bitte dieses Feld leer lassen"
MESSAGE_SEND = "Nachricht senden"
MESSAGE_SENT = (
    "Vielen Dank, Ihre Nachricht ist angekommen. Das Partnerschaftsbüro meldet sich bei Ihnen."
)
MESSAGE_ERRORS = "Die Nachricht wurde nicht gesendet. Bitte prüfen Sie die markierten Felder."
MESSAGE_TOO_MANY = (
    "Aus Ihrem Netz (Ihrem Anschluss oder benachbarten Anschlüssen Ihres Anbieters) kamen "
    "in der letzten Stunde schon viele Nachrichten. Bitte versuchen Sie es in {minutes} "
    "Minuten noch einmal; Ihr Text bleibt hier stehen."
)
MESSAGE_CONSENT_MISSING = (
    "Bitte stimmen Sie der Verarbeitung Ihrer Angaben zu, sonst können wir nicht antworten."
)
MESSAGE_TOPIC_LABELS = {
    MessageTopic.general: "Allgemeine Nachricht",
    MessageTopic.accessibility: "Barriere auf dieser Website melden",
}

ACCESSIBILITY_TITLE = "Erklärung zur Barrierefreiheit"
ACCESSIBILITY_DESCRIPTION = (
    "Wie barrierefrei die Seiten der Krefelder Städtepartnerschaften sind, was noch fehlt und "
    "wie Sie eine Barriere melden."
)
ACCESSIBILITY_FORM_HEADING = "Formular: Barriere melden"
FOOTER_NAV = "Service"

# Legal pages and footer
IMPRINT_TITLE = "Impressum"
IMPRINT_DESCRIPTION = (
    "Anbieter der Seiten der Krefelder Städtepartnerschaften: Anschrift, Vertretung, Kontakt "
    "und Aufsichtsbehörde."
)
PRIVACY_TITLE = "Datenschutzerklärung"
PRIVACY_DESCRIPTION = (
    "Welche Daten die Seiten der Krefelder Städtepartnerschaften verarbeiten, wozu, wie lange, "
    "und welche Rechte Sie haben."
)
BACK_TO_START = "Zur Startseite der Städtepartnerschaften"
MESSAGE_CONSENT_PRIVACY_PREFIX = "Mehr dazu in der "
MESSAGE_CONSENT_PRIVACY_LINK = "Datenschutzerklärung"
MESSAGE_CONSENT_PRIVACY_SUFFIX = ". *"
# A bundled placeholder says once that it is no photo; it has no credit line.
PLACEHOLDER_CAPTION = "Symbolbild, kein Pressefoto"
