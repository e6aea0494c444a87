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
