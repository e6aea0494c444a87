# Words shared by the directory (tui.ftl) and the commands (cli.ftl).
# Every id here must exist in every other language's common.ftl, with the same variables.

# The language's own name, and the language it borrows a missing message from (English
# borrows from nobody; Belarusian would say `ru`).
language-name = English
language-fallback = en

# A date as this language writes it; the code pads the digits (day 05, month 03).
date = { $year }-{ $month }-{ $day }
date-today = due today
date-overdue = { $days ->
    [one] { $days } day over
   *[other] { $days } days over
}
date-in-days = { $days ->
    [one] in { $days } day
   *[other] in { $days } days
}

services-count = { $count ->
    [one] { $count } service
   *[other] { $count } services
}

# Marks on a service (short: they sit in a list row). JSON always keeps the English ones.
mark-stale = STALE
mark-closed = CLOSED
mark-alert = ALERT
mark-hours-unknown = HOURS?

# Coverage badges (the level of a service's widest region). JSON keeps the English words.
coverage-national = national
coverage-oblast = oblast
coverage-city = city
coverage-district = district

# The service card (the details pane, `pathways show`, the copied contact card).
card-organisation = Organisation
card-status = Status
card-alert = Alert
card-description = Description
card-eligibility = Eligibility
card-how-to-refer = How to refer
card-documents = Documents
card-needs = Needs
card-populations = Populations
card-ages = Ages
card-languages = Languages
card-interpretation = Interpretation
card-available = available
card-hours = Hours
card-hours-note = Hours note
card-fee = Fee
card-address = Address
card-phone = Phone
card-email = E-mail
card-website = Website
card-contact = Contact
card-organisation-phone = Organisation phone
card-organisation-email = Organisation e-mail
card-organisation-website = Organisation website
card-service-area = Service area
card-verified = Verified
card-source = Source
card-id = Id
card-staff-only = [staff only]
card-temporarily-closed = TEMPORARILY CLOSED
card-inactive = INACTIVE
card-until = until { $date }
card-ages-between = { $min } to { $max }
card-ages-from = { $min } and over
card-ages-to = up to { $max }
card-open-now = open now
card-closed-now = closed now
card-verified-stale = { $date } STALE (not verified for more than { $days } days)
card-verified-never = not recorded — STALE

# Outcomes of a referral: the word (lists) and the label (the outcome picker).
status-accepted = accepted
status-attended = attended
status-declined-by-service = declined-by-service
status-declined-by-client = declined-by-client
status-no-contact = no-contact
status-referred-on = referred-on
status-closed = closed
status-label-accepted = Accepted
status-label-attended = Attended
status-label-declined-by-service = Declined by the service
status-label-declined-by-client = Declined by the client
status-label-no-contact = No contact
status-label-referred-on = Referred on
status-label-closed = Closed

# Why a referral note cannot go yet.
problem-unknown-service = no service with id '{ $id }'

# Kinds of phone line (the card). The words of the schema stay as they are in English.
phone-kind-hotline = hotline
phone-kind-voice = voice
phone-kind-sms = sms
phone-kind-whatsapp = whatsapp
phone-kind-viber = viber
phone-kind-telegram = telegram
phone-kind-fax = fax
phone-kind-tty = tty
phone-kind-after-hours = after-hours

# A catalogue that loaded with errors (the directory's banner; stderr of the commands).
catalogue-degraded = catalogue: { $errors ->
    [one] { $errors } error
   *[other] { $errors } errors
}, { $services ->
    [one] { $services } service
   *[other] { $services } services
} left out; run 'pathways check'

# No home directory resolved (the command line and the directory).
no-home = no home directory was found, so Pathways has nowhere of its own to write: set HOME (or XDG_DATA_HOME) to a directory that is yours

# Query words no service mentions (the command line adds its note prefix), each quoted.
quoted-word = '{ $word }'
dropped-words = no service mentions { $words }; showing matches for the other words
all-words-dropped = { $count ->
    [1] no service mentions { $words }
   *[other] no service mentions any of { $words }
}

# Where a copy went (a note's, the contact card's): a terminal never confirms OSC 52.
copy-place = { $place ->
    [both] sent to the terminal's clipboard (OSC 52) and the system clipboard
    [terminal] sent to the terminal's clipboard (OSC 52)
    [system] handed to the system clipboard
   *[none] not copied
}

# What an operator typed into a referral and may not (the command line and the composer).
case-ref-unsafe = a case reference may not hold control, direction or invisible characters (found U+{ $code })
not-a-language = '{ $code }' is not a language code: use ISO 639-1 (ru, en) or 639-3 (bel, rus)
not-a-language-listed = '{ $code }' is not a language code: use ISO 639-1 (ru, en) or 639-3 (bel, rus), or one the catalogue lists ({ $listed })

# Statistics rows Pathways labels itself (the command line and the directory).
stats-open = Open (no outcome yet)
stats-no-region = (no region)

# The first of several problems, and how many more (a catalogue that is not one).
and-more = { $first } (and { $count } more)

# A saved referral draft that could not be read back.
draft-unreadable = cannot read the saved draft { $path }: { $error }
draft-damaged = the saved draft { $path } is damaged ({ $error }); it can be deleted
