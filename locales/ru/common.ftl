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

coverage-national = страна
coverage-oblast = область
coverage-city = город
coverage-district = район

# The service card (the details pane, `pathways show`, the copied contact card).
card-organisation = Организация
card-status = Статус
card-alert = Внимание
card-description = Описание
card-eligibility = Условия
card-how-to-refer = Как направить
card-documents = Документы
card-needs = Нужды
card-populations = Группы
card-ages = Возраст
card-languages = Языки
card-interpretation = Перевод
card-available = есть
card-hours = Часы
card-hours-note = О часах
card-fee = Плата
card-address = Адрес
card-phone = Телефон
card-email = Эл. почта
card-website = Сайт
card-contact = Контакт
card-organisation-phone = Телефон организации
card-organisation-email = Почта организации
card-organisation-website = Сайт организации
card-service-area = Территория
card-verified = Проверено
card-source = Источник
card-id = Код
card-staff-only = [для сотрудников]
card-temporarily-closed = ВРЕМЕННО ЗАКРЫТО
card-inactive = НЕ РАБОТАЕТ
card-until = до { $date }
card-ages-between = от { $min } до { $max }
card-ages-from = от { $min }
card-ages-to = до { $max }
card-open-now = открыто сейчас
card-closed-now = закрыто сейчас
card-verified-stale = { $date } УСТАР. (не проверялось больше { $days } дн.)
card-verified-never = не указано — УСТАР.

# Outcomes of a referral: the word (lists) and the label (the outcome picker).
status-accepted = принят
status-attended = обратился
status-declined-by-service = отказ службы
status-declined-by-client = отказ клиента
status-no-contact = нет связи
status-referred-on = перенаправлен
status-closed = закрыто
status-label-accepted = Принят
status-label-attended = Обратился
status-label-declined-by-service = Отказ службы
status-label-declined-by-client = Отказ клиента
status-label-no-contact = Нет связи
status-label-referred-on = Перенаправлен
status-label-closed = Закрыто

# Why a referral note cannot go yet.
problem-unknown-service = нет услуги с кодом «{ $id }»

# Kinds of phone line (the card). The words of the schema stay as they are in English.
phone-kind-hotline = горячая линия
phone-kind-voice = телефон
phone-kind-sms = SMS
phone-kind-whatsapp = WhatsApp
phone-kind-viber = Viber
phone-kind-telegram = Telegram
phone-kind-fax = факс
phone-kind-tty = текстовый телефон
phone-kind-after-hours = в нерабочее время

catalogue-degraded = каталог: { $errors ->
    [one] { $errors } ошибка
    [few] { $errors } ошибки
   *[many] { $errors } ошибок
}, пропущено { $services ->
    [one] { $services } услуга
    [few] { $services } услуги
   *[many] { $services } услуг
}; выполните 'pathways check'

# No home directory resolved (the command line and the directory).
no-home = домашний каталог не найден, и Pathways негде хранить свои файлы: укажите в HOME (или XDG_DATA_HOME) свой каталог

# Query words no service mentions (the command line adds its note prefix), each quoted.
quoted-word = '{ $word }'
dropped-words = ни одна услуга не упоминает { $words }; показаны совпадения по остальным словам
all-words-dropped = { $count ->
    [1] ни одна услуга не упоминает { $words }
   *[other] ни одна услуга не упоминает ни одно из слов { $words }
}

# Where a copy went (a note's, the contact card's): a terminal never confirms OSC 52.
copy-place = { $place ->
    [both] передано в буфер обмена терминала (OSC 52) и в системный буфер
    [terminal] передано в буфер обмена терминала (OSC 52)
    [system] передано в системный буфер обмена
   *[none] не скопировано
}

# What an operator typed into a referral and may not (the command line and the composer).
case-ref-unsafe = в коде клиента не может быть управляющих, направляющих или невидимых символов (найден U+{ $code })
not-a-language = '{ $code }' — не код языка: используйте ISO 639-1 (ru, en) или 639-3 (bel, rus)
not-a-language-listed = '{ $code }' — не код языка: используйте ISO 639-1 (ru, en), 639-3 (bel, rus) или язык из каталога ({ $listed })

# Statistics rows Pathways labels itself (the command line and the directory).
stats-open = Открыто (итога нет)
stats-no-region = (без региона)

# The first of several problems, and how many more (a catalogue that is not one).
and-more = { $first } (и ещё { $count })

# A saved referral draft that could not be read back.
draft-unreadable = не удалось прочитать сохранённый черновик { $path }: { $error }
draft-damaged = сохранённый черновик { $path } повреждён ({ $error }); его можно удалить
