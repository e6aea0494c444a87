# Общие слова интерфейса (tui.ftl) и команд (cli.ftl).
# Каждый id здесь есть и в en/common.ftl, с теми же переменными.

language-name = Русский
language-fallback = en

date = { $day }.{ $month }.{ $year }
date-today = сегодня
date-overdue = { $days ->
    [one] просрочено на { $days } день
    [few] просрочено на { $days } дня
   *[many] просрочено на { $days } дней
}
date-in-days = { $days ->
    [one] через { $days } день
    [few] через { $days } дня
   *[many] через { $days } дней
}

services-count = { $count ->
    [one] { $count } услуга
    [few] { $count } услуги
   *[many] { $count } услуг
}

mark-stale = УСТАР.
mark-closed = ЗАКР.
mark-alert = ВНИМ.
mark-hours-unknown = ЧАСЫ?
