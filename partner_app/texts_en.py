"""The public site's strings in English: the same names as in ``texts``.

Content editors write (titles, teasers, descriptions, facts) stays German unless an
English version exists; the page marks German content with ``lang="de"``.
"""

from partner_app.models import ContactRole, MessageTopic, PartnershipKind, PartnershipStatus

PAGE_LANG = "en"
SITE_NAME = "City of Krefeld"
SITE_TITLE = "Partner cities – City of Krefeld"
PUBLISHER = "City of Krefeld"
OG_LOCALE = "en_GB"
# The site's own image for link previews (assets/share/, drawn by render-placeholders).
SHARE_IMAGE_TITLE = "Partner cities"
SHARE_IMAGE_ALT = "Graphic with the words “Partner cities – City of Krefeld”"
SKIP_LINK = "Skip to content"
INDEX_DESCRIPTION = (
    "Krefeld's partner cities from Venlo to Kropyvnytskyi, news from the press archive "
    "and how to reach the partnership office."
)
LANGUAGE_NAV = "Language"
LANGUAGE_SWITCH = "Deutsch"
LANGUAGE_SWITCH_CODE = "de"
DISTANCE_LABEL = "Distance from Krefeld (as the crow flies): about {km} km"
DISTANCE_UNDER_ONE_KM = "Distance from Krefeld (as the crow flies): under 1 km"
ANNIVERSARY_LABEL = "{age} years of {name}"
ANNIVERSARY_YEARS = "{this_year} and {next_year}"
MAP_CAPTION = (
    "Map of the partner cities. Base map: Natural Earth (public domain). "
    "The links open the city's tab."
)
MAP_MARKERS_LABEL = "Partner cities on the map"
MAP_OUTSIDE_NOTE = " – outside the area of the map"

# Map and phone layout
# The caption of the map's inset, drawn into the outline image (one image per language).
MAP_INSET_NORTH_AMERICA = "North America"

VALIDATION_REQUIRED = "Please fill in this field."
VALIDATION_TOO_LONG = "At most {limit} characters (now {length})."
VALIDATION_EMAIL = "Please enter a valid e-mail address, e.g. name@example.org."
VALIDATION_CHOICE = "Please choose one of the values offered."

# The page title and the heading of the introduction (its text stays German).
INTRO_TITLE = "Partner cities"
INTRO_HEADING = "Krefeld's partner cities"

TABS_LABEL = "Partner cities"
OVERVIEW_TAB = "All partner cities"
OVERVIEW_HEADING = "All partnerships at a glance"
ANNIVERSARIES_HEADING = "Round anniversaries"
MAP_HEADING = "The partner cities on the map"
OVERVIEW_COLUMNS = ("Partner city", "Country", "Since", "Status")
NATIVE_NAME = "Name in the local language"
COUNTRY = "Country"
REGION = "Region"
SINCE = "Partnership since"
KIND = "Kind"
STATUS = "Status"
FACTS_HEADING = "Good to know"

KIND_LABELS = {
    PartnershipKind.city: "Town twinning",
    PartnershipKind.district: "District partnership",
    PartnershipKind.project: "Project partnership",
}
CONTACT_ROLE_LABELS = {
    ContactRole.partnership_office: "Partnership office",
    ContactRole.press: "Press office",
}
ONLY_IN_GERMAN = "(only in German)"
STATUS_LABELS = {
    PartnershipStatus.active: "active",
    PartnershipStatus.dormant: "dormant",
    PartnershipStatus.suspended: "suspended",
}

NEWS_HEADING = "News from the press archive"
FILTER_LEGEND = "Filter the news"
FILTER_CITY = "Partner city"
FILTER_YEAR = "Year"
FILTER_TOPIC = "Topic"
FILTER_SEARCH = "Search"
FILTER_SEARCH_HINT = "Title, text, city or country, e.g. “Dunkirk” or “Ukraine”"
FILTER_ALL_CITIES = "All cities"
FILTER_ALL_YEARS = "All years"
# A facet option's count above news_archive.FACET_COUNT_LIMIT (the limit, formatted).
FACET_MORE = "{limit}+"
FILTER_ALL_TOPICS = "All topics"
FILTER_RESET = "Reset filters"
SEARCH_NO_EXACT = "There are no exact matches for “{query}”; similar ones are shown."
SEARCH_DID_YOU_MEAN = "Did you mean"
SEARCH_SUGGESTION = "“{suggestion}”"
RESULTS_NONE = "No news found."
RESULTS_ONE = "1 news item found."
RESULTS_MANY = "{count} news items found."
RESULTS_SHOWN = "{shown} of {count} shown."
EMPTY_STATE = "There is no news for these filters. Change your choice or reset the filters."
LOAD_MORE = "Load more"
IMAGE_CREDIT_PREFIX = "Image credit:"

NEWS_BACK_TO_LIST = "Back to the list of news"
NEWS_RELATED_HEADING = "More news about these partner cities"
NEWS_NOT_FOUND_TITLE = "News item not found"
NEWS_NOT_FOUND_TEXT = (
    "There is no news item at this address. It may have been moved or withdrawn. "
    "The press archive lists all published news."
)
NEWS_NOT_FOUND_LINK = "To the press archive"
NEWS_LOADING = "Loading the news item …"

FEED_LINK_RSS = "News as an RSS feed"
FEED_LINK_ATOM = "News as an Atom feed"
OPEN_DATA_LINK = "Open data (JSON API, OpenAPI)"
API_UNKNOWN_CITY = "“{value}” is not a partner city of Krefeld."
API_UNKNOWN_TOPIC = "There is no topic “{value}”."
# The feeds of one partnership: announced in the page head, offered in the city's tab.
FEED_LINK_CITY_RSS = "News about {name} as an RSS feed"
FEED_LINK_CITY_ATOM = "News about {name} as an Atom feed"
CITY_FEED_LINK = "Subscribe to news about {name} (RSS feed)"
# Link previews (og:title): the page's own name, without the site's.
OG_TITLE_INDEX = "Krefeld's partner cities"
OG_TITLE_CITY = "Krefeld and {name}"

NOT_FOUND_TITLE = "Page not found"
NOT_FOUND_TEXT = "There is no page at this address. It may have changed, or it was mistyped."
NOT_FOUND_HOME_LINK = "To the start page: partner cities"
NOT_FOUND_ARCHIVE_LINK = "To the press archive"
TOO_MANY_EVENTS = (
    "This page has sent very many requests in a short time. "
    "Further ones are not handled for a few seconds; please wait a moment."
)
CONNECTION_LOST_TITLE = "No connection to the server."
CONNECTION_LOST_TEXT = "Your choice stays and is applied as soon as the connection is back."
NOTICE_HEADING = "About this address"
NOTICE_UNKNOWN_PARAM = "The address parameter “{name}” is unknown and was ignored."
NOTICE_UNKNOWN_CITY = "“{value}” is not a partner city of Krefeld; the city filter was ignored."
NOTICE_BAD_YEAR = "“{value}” is not a valid year; the year filter was ignored."
NOTICE_UNKNOWN_TOPIC = "There is no topic “{value}”; the topic filter was ignored."
NOTICE_QUERY_CUT = "The search text was too long and was cut to {limit} characters."

CONTACT_HEADING = "Contact"
CONTACT_PHONE = "Phone"
CONTACT_EMAIL = "E-mail"
CONTACT_ROOM = "Room"
ADDRESS_HEADING = "Address"

MESSAGE_HEADING = "Write to the partnership office"
MESSAGE_INTRO = (
    "Questions, ideas for exchanges or remarks on this page: we usually answer within a "
    "week, in German or English. Fields marked * are required."
)
MESSAGE_NAME = "Your name *"
MESSAGE_EMAIL = "Your e-mail address *"
MESSAGE_EMAIL_HINT = "Only for our answer, e.g. name@example.org"
MESSAGE_TOPIC = "Subject"
MESSAGE_PAGE = "Page or content with the barrier (optional)"
MESSAGE_TEXT = "Your message *"
MESSAGE_TEXT_HINT = "At most 5000 characters."
MESSAGE_CONSENT = (
    "I agree that the City of Krefeld stores my details to handle my message and to answer me."
)
MESSAGE_HONEYPOT = "Please leave this field empty"
MESSAGE_SEND = "Send message"
MESSAGE_SENT = "Thank you, your message has arrived. The partnership office will get back to you."
MESSAGE_ERRORS = "The message was not sent. Please check the marked fields."
MESSAGE_TOO_MANY = (
    "Many messages came from your network (your connection or neighbouring ones of your "
    "provider) in the last hour. Please try again in {minutes} minutes; your text stays here."
)
MESSAGE_CONSENT_MISSING = (
    "Please agree to the processing of your details, otherwise we cannot answer you."
)
MESSAGE_TOPIC_LABELS = {
    MessageTopic.general: "General message",
    MessageTopic.accessibility: "Report a barrier on this website",
}

ACCESSIBILITY_TITLE = "Accessibility statement"
ACCESSIBILITY_DESCRIPTION = (
    "How accessible the pages of Krefeld's partner cities are, what is still missing and "
    "how to report a barrier."
)
ACCESSIBILITY_FORM_HEADING = "Form: report a barrier"
FOOTER_NAV = "Service"

# Legal pages and footer
IMPRINT_TITLE = "Legal notice"
IMPRINT_DESCRIPTION = (
    "Provider of the pages of Krefeld's partner cities: address, representation, contact and "
    "supervisory authority."
)
PRIVACY_TITLE = "Privacy policy"
PRIVACY_DESCRIPTION = (
    "Which data the pages of Krefeld's partner cities process, what for, for how long, and "
    "what rights you have."
)
BACK_TO_START = "To the main page of the partner cities"
MESSAGE_CONSENT_PRIVACY_PREFIX = "More in the "
MESSAGE_CONSENT_PRIVACY_LINK = "privacy policy"
MESSAGE_CONSENT_PRIVACY_SUFFIX = ". *"
# A bundled placeholder says once that it is no photo; it has no credit line.
PLACEHOLDER_CAPTION = "Illustration, no press photo"
