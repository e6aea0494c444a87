# Messages of the commands (stderr, why, check). Owned by the CLI; ids start with cli-.

## Общие части
cli-flag-problem = { $flag }: { $problem }
cli-cannot-write-output = не удалось записать вывод: { $error }
cli-note-not-written = не удалось записать вывод: { $error }; направление не передано и не записано
cli-warning = предупреждение: { $text }
cli-note = примечание: { $text }

## search
cli-no-hits = ни одна услуга не подходит
cli-open-at-unreadable = --open-at: не удаётся прочитать '{ $value }' как момент времени
cli-open-at-hint = укажите RFC 3339 или 'ГГГГ-ММ-ДД ЧЧ:ММ' в часовом поясе каталога

## history, stats
cli-purged = { $count ->
    [one] удалена { $count } запись
    [few] удалены { $count } записи
   *[many] удалено { $count } записей
} до { $date }

## why: почему услуга найдена. Поля — в предложном падеже («в названии»).
cli-why-word = '{ $term }' в { $field }
cli-why-word-as = '{ $term }' в { $field } (как '{ $found }')
cli-why-typo = '{ $term }' прочитано как '{ $found }' в { $field }
cli-why-national = услуга по всей стране
cli-why-area-not-stated = территория не указана
cli-why-serves = обслуживает { $region }
cli-why-serves-inside = обслуживает { $region }, { $parent }
cli-why-covers = охватывает { $region }, куда входит { $contains }
cli-why-serves-many = { $more ->
    [0] обслуживает { $regions }
    [one] обслуживает { $regions } и ещё { $more } регион
    [few] обслуживает { $regions } и ещё { $more } региона
   *[many] обслуживает { $regions } и ещё { $more } регионов
}
cli-why-from-query = { $place } (регион из запроса)
cli-why-open-now = открыто сейчас
cli-why-open-then = открыто в это время
cli-why-hours-unknown = часы работы неизвестны
cli-why-temporarily-closed = временно закрыто
cli-why-inactive = не действует
cli-why-alert = внимание: { $text }
cli-field-name = названии
cli-field-organisation = организации
cli-field-needs = потребностях
cli-field-regions = регионах
cli-field-description = описании
cli-field-eligibility = условиях
cli-field-how-to-refer = порядке направления
cli-field-populations = группах
cli-field-languages = языках
cli-field-contacts = контактах
cli-field-translations = переводах
cli-field-documents = документах

## refer
cli-no-consent = согласие не записано: для направления нужно согласие клиента, если приоритет не экстренный
cli-no-consent-hint = добавьте --consent verbal или --consent written (и --consent-date ГГГГ-ММ-ДД, если не сегодня); экстренно без согласия: --priority emergency --override-reason ТЕКСТ
cli-no-services = не выбрана ни одна услуга
cli-no-services-hint = укажите хотя бы один id услуги
cli-consent-in-future = дата согласия позже даты направления
cli-consent-in-future-hint = --consent-date не может быть позже сегодняшнего дня
cli-follow-up-in-past = дата контроля раньше даты направления
cli-follow-up-in-past-hint = --follow-up не может быть раньше сегодняшнего дня
cli-age-contradiction = возрастная группа — взрослый, но клиент отмечен как несовершеннолетний
cli-age-contradiction-hint = уберите --minor или укажите --age-band child
cli-follow-up-past-calendar = дата контроля пришлась бы после 9999-12-31, последней возможной даты
cli-follow-up-past-calendar-hint = укажите --follow-up ГГГГ-ММ-ДД не позже 9999-12-31
cli-not-a-date = '{ $value }' — не дата
cli-date-hint = формат ГГГГ-ММ-ДД, не позже 9999-12-31
cli-referrer-unknown = не заданы ни имя оператора, ни организация: в направлении будет «Направил: не записано»; задайте их командой `pathways config init`
cli-no-case-ref = нет --case-ref: в направлении будет «нет кода клиента» (укажите --case-ref none, если у звонящего его нет)
cli-unknown-service = нет услуги с id `{ $id }`
cli-unknown-service-hint = 'pathways search' покажет услуги и их id
cli-did-you-mean = может быть, { $ids }?
cli-template-error = шаблон { $template }: { $message }
cli-template-error-at = шаблон { $template }:{ $line }: { $message }
cli-file-exists = { $path } уже существует
cli-force-hint = добавьте --force, чтобы заменить его
cli-cannot-write = не удалось записать { $path }: { $error }
cli-copy-no-terminal = { $system ->
    [failed] нет терминала для копирования (OSC 52 нужен терминал), и системный буфер обмена недоступен: используйте 'ssh -t' или запишите направление в файл через --out ФАЙЛ
   *[untried] нет терминала для копирования (OSC 52 нужен терминал): используйте 'ssh -t' или запишите направление в файл через --out ФАЙЛ
}
cli-copy-write-failed = не удалось записать в терминал: { $error }
cli-copy-large = последовательность для буфера обмена занимает { $size } КБ; некоторые терминалы (kitty и другие) отбрасывают копии OSC 52 в несколько КБ: проверьте вставку или используйте --out ФАЙЛ
cli-note-written = направление { $note } записано в { $path }
cli-note-copied = направление { $note } { $how }
cli-not-recorded = направление передано, но журнал направлений не удалось записать: { $error }

## Журнал направлений
cli-log-check-hint = выполните 'pathways history --check', чтобы проверить журнал направлений
cli-log-cannot-open = не удалось открыть журнал направлений { $path }: { $error }
cli-log-damaged = журнал направлений { $path } повреждён или не является базой Pathways: { $error }
cli-log-too-new = журнал направлений { $path } записан более новой версией Pathways (схема { $found }; эта знает { $known })
cli-log-duplicate = в журнале направлений { $path } уже есть другое направление { $note }
cli-log-sql = журнал направлений { $path } не удалось прочитать или записать: { $error }
cli-history-migrated = история направлений перенесена в { $log }: { $count ->
    [one] импортирована { $count } запись
    [few] импортированы { $count } записи
   *[many] импортировано { $count } записей
}; старый файл теперь { $old }
cli-history-migrated-unreadable = история направлений перенесена в { $log }: { $count ->
    [one] импортирована { $count } запись
    [few] импортированы { $count } записи
   *[many] импортировано { $count } записей
}, { $unreadable ->
    [one] { $unreadable } строка, не являющаяся записью, сохранена
    [few] { $unreadable } строки, не являющиеся записями, сохранены
   *[many] { $unreadable } строк, не являющихся записями, сохранены
} в { $file }; старый файл теперь { $old }

## Каталог, потребности и регионы
cli-catalogue-unreadable = не удалось прочитать каталог { $path }: { $reason }
cli-check-hint = подробности: 'pathways check ПУТЬ'
cli-resolve-none = ничего не подходит под '{ $input }'
cli-resolve-several = под '{ $input }' подходит несколько
cli-closest = { $text }; ближайшие: { $candidates }
cli-see-needs = список: 'pathways needs'
cli-see-regions = список: 'pathways regions'

## history, stats (продолжение)
cli-pinned-ahead = часы переведены вперёд относительно системных (PATHWAYS_NOW): ничего не удалено
cli-iso-date-hint = формат ГГГГ-ММ-ДД
cli-log-none-yet = { $path }: журнала направлений ещё нет (он создаётся с первым направлением)
cli-log-aside-hint = переместите файл, чтобы начать новый журнал; сохраните его для восстановления (sqlite3 .recover)
cli-log-ok = { $path }: в порядке ({ $referrals ->
    [one] { $referrals } направление
    [few] { $referrals } направления
   *[many] { $referrals } направлений
}, { $outcomes ->
    [one] { $outcomes } исход
    [few] { $outcomes } исхода
   *[many] { $outcomes } исходов
})
cli-log-integrity = журнал направлений { $path } не прошёл проверку целостности ({ $count ->
    [one] { $count } проблема
    [few] { $count } проблемы
   *[many] { $count } проблем
})
cli-history-follow-up = контроль
cli-history-needs = потребности
cli-history-region = регион
cli-history-case = дело
cli-history-by = направил

## outcome
cli-outcome-unknown-ref = в журнале нет направления { $note }
cli-outcome-history-hint = номера направлений: 'pathways history'
cli-outcome-closest = ближайшие: { $refs }
cli-outcome-unknown-service = в направлении { $note } нет услуги { $service } (в нём: { $named })
cli-outcome-service-hint = укажите одну из его услуг через --service или не указывайте, чтобы отметить все
cli-outcome-before-referral = дата исхода { $date } раньше направления ({ $referral })
cli-outcome-date-hint = --date не может быть раньше дня направления

## import, export, config
cli-unknown-time-zone = неизвестный часовой пояс `{ $zone }`
cli-time-zone-hint = укажите имя IANA, например Europe/Minsk
cli-not-a-country = `{ $code }` — не двухбуквенный код страны
cli-exists-not-overwritten = { $path } уже существует; не перезаписан
cli-import-force-hint = добавьте --force, чтобы заменить его (id записей сохранятся)
cli-hsds-not-hsds = это не данные HSDS: { $why }
cli-hsds-no-services = из { $path } не удалось прочитать ни одной услуги
cli-hsds-bad-map = ошибка в файле --map: { $why }
cli-cannot-read = не удалось прочитать { $path }: { $error }
cli-exported = { $services ->
    [one] записана { $services } услуга
    [few] записаны { $services } услуги
   *[many] записано { $services } услуг
} в формате HSDS 3.0 ({ $files ->
    [one] { $files } файл
    [few] { $files } файла
   *[many] { $files } файлов
}) в { $dir }
cli-export-not-empty = { $dir } не пуст; добавьте --force, чтобы заменить файлы, которые пишет Pathways
cli-config-unprintable = не удалось вывести настройки: { $error }
cli-wrote = записан { $path }
cli-exists-already = { $path } уже существует и оставлен как есть
cli-exists-already-hint = отредактируйте его или удалите, чтобы начать с примера
cli-system-config-hint = для системных настроек нужны права root: запустите через sudo

## check: сообщения о каталоге. Слова-значения (noun, want, found) приходят по-английски
## и переводятся выбором ниже; незнакомое значение показывается как есть.
cli-check-did-you-mean = { $text } (может быть, `{ $near }`?)
cli-check-duplicate-id = повторный id { $noun ->
    [service] услуги
    [organisation] организации
    [contact] контакта
    [need] потребности
    [region] региона
   *[other] ({ $noun })
} `{ $id }` (впервые определён в строке { $line })
cli-check-unknown-ref = { $noun ->
    [service] неизвестная услуга
    [organisation] неизвестная организация
    [contact] неизвестный контакт
    [need] неизвестная потребность
    [region] неизвестный регион
   *[other] неизвестный id ({ $noun })
} `{ $id }`
cli-check-cycle = цикл { $noun ->
    [need] потребностей
    [region] регионов
   *[other] ({ $noun })
}: { $names }
cli-check-no-level = у региона `{ $id }` нет `level`: по месту в дереве принят { $level }
cli-check-no-catalogue-table = нет таблицы [catalogue]: взяты значения по умолчанию (название — имя файла, часовой пояс этой машины)
cli-check-no-records = в файле нет каталога: нужны записи [[services]] с их потребностями, регионами и организациями
cli-check-not-utf8 = файл не в кодировке UTF-8; сохраните его как UTF-8
cli-check-missing-key = { $noun ->
    [service] у услуги
    [organisation] у организации
    [contact] у контакта
    [need] у потребности
    [region] у региона
    [phone] у телефона
    [alert] у предупреждения
    [translation] у перевода
   *[other] у записи ({ $noun })
} нет обязательного ключа `{ $key }`
cli-check-wrong-type = `{ $key }` должно быть { $want ->
    [a-string] строкой
    [a-list-of-strings] списком строк
    [true-or-false] true или false
    [a-whole-number] целым числом
    [a-list-of-dates] списком дат
    [a-list-of-tables] списком таблиц
    [a-table] таблицей
   *[other] { $want }
}, а найдена { $found ->
    [a-string] строка
    [an-integer] целое число
    [a-float] дробь
    [a-boolean] логическое значение
    [a-date] дата
    [an-array] массив
    [a-table] таблица
   *[other] { $found }
}
cli-check-empty-key = `{ $key }` пусто
cli-check-empty-title = пустое название (вместо него показывается имя файла)
cli-check-empty = пустое поле { $key }
cli-check-malformed-date = неверная дата в `{ $key }`: { $problem }; пишите дату TOML, например 2024-11-05, без кавычек
cli-check-malformed-date-list = неверная дата в `{ $key }`: { $problem }; пишите дату TOML, например 2025-01-01
cli-check-date-has-time = в `{ $value }` есть время; ожидается только дата
cli-check-found = найдено: { $found ->
    [a-string] строка
    [an-integer] целое число
    [a-float] дробь
    [a-boolean] логическое значение
    [a-date] дата
    [an-array] массив
    [a-table] таблица
   *[other] { $found }
}
cli-check-unknown-key = неизвестный ключ `{ $key }` { $noun ->
    [service] в услуге
    [organisation] в организации
    [contact] в контакте
    [need] в потребности
    [region] в регионе
    [phone] в телефоне
    [alert] в предупреждении
    [translation] в переводе
    [catalogue-header] в заголовке каталога
   *[other] в записи ({ $noun })
}
cli-check-control-char = управляющий символ { $code } в тексте (при показе удаляется)
cli-check-invisible-char = невидимый символ { $code } (нулевой ширины или направления) в тексте; при показе удаляется
cli-check-second-header = вторая таблица [catalogue] (первая в строке { $line })
cli-check-not-toml = это не TOML: { $message }
cli-check-unknown-table = неизвестная таблица верхнего уровня `{ $key }`
cli-check-header-not-table = `catalogue` должно быть таблицей, а найдена { $found ->
    [a-string] строка
    [an-integer] целое число
    [a-float] дробь
    [a-boolean] логическое значение
    [a-date] дата
    [an-array] массив
   *[other] { $found }
}
cli-check-array-of-tables = `{ $key }` нужно записывать таблицами [[{ $key }]]
cli-check-each-table = каждый элемент `{ $key }` должен быть таблицей
cli-check-schema-too-new = каталогу нужна схема { $schema }, а эта версия pathways понимает схему не выше { $known }; установите более новую
cli-check-schema = `schema` должна быть { $known }
cli-check-unknown-zone = неизвестный часовой пояс `{ $zone }`; укажите имя IANA, например "Europe/Minsk" (пока используется пояс этой машины)
cli-check-stale-days = `stale_after_days` должно быть 1 или больше
cli-check-region-level = неизвестный уровень региона `{ $word }`; используйте country, oblast, city или district
cli-check-not-slug = id `{ $id }` — не slug в нижнем регистре (буквы a-z, цифры и одиночные дефисы), например `{ $hint }`
cli-check-email = неверный адрес e-mail `{ $email }`
cli-check-url = неверный URL `{ $url }`; пишите полностью, начиная с https://
cli-check-phone-kind = неизвестный вид телефона `{ $word }`; используйте один из: { $kinds }
cli-check-no-needs = у услуги нет потребностей: укажите хотя бы один id потребности
cli-check-no-regions = услуга не обслуживает ни одного региона: укажите хотя бы один id региона ("by" — вся страна)
cli-check-status = неизвестный статус `{ $word }`; используйте active, temporarily-closed или inactive
cli-check-ages = `max_age` { $max } меньше `min_age` { $min }
cli-check-hours = часы работы не разбираются: { $message }
cli-check-translation-table = `translations.{ $lang }` должно быть таблицей
cli-check-no-timezone = в каталоге нет `timezone`: «открыто сейчас» и даты следуют поясу этой машины; добавьте, например, timezone = "Europe/Minsk"
cli-check-unverified = у услуги `{ $id }` нет даты `verified`: считайте её устаревшей, пока её не проверят
cli-check-stale = услуга `{ $id }` не проверялась с { $date } (больше { $days ->
    [one] { $days } дня
   *[other] { $days } дней
})
cli-check-no-channel = у услуги `{ $id }` нет открытого канала связи (ни открытого телефона, ни e-mail, ни сайта у неё, её контактов или организации)
cli-check-alert-expired = предупреждение услуги `{ $id }` истекло { $date }
cli-check-org-no-services = у организации `{ $id }` нет услуг
cli-check-declined = услуга '{ $id }': { $count ->
    [one] последнее { $count } направление отклонено
    [few] последние { $count } направления отклонены
   *[many] последние { $count } направлений отклонены
} самой услугой (журнал направлений); проверьте её данные
cli-check-directory = это каталог файловой системы, а не файл
cli-check-too-large = размер { $size } МБ, больше допустимых для каталога { $limit } МБ
cli-check-grew = файл вырос больше допустимого для каталога размера
cli-check-no-such-file = нет такого файла
cli-check-permission-denied = нет доступа
cli-check-summary = { $services ->
    [one] { $services } услуга
    [few] { $services } услуги
   *[many] { $services } услуг
}, { $organisations ->
    [one] { $organisations } организация
    [few] { $organisations } организации
   *[many] { $organisations } организаций
}, { $contacts ->
    [one] { $contacts } контакт
    [few] { $contacts } контакта
   *[many] { $contacts } контактов
}, { $regions ->
    [one] { $regions } регион
    [few] { $regions } региона
   *[many] { $regions } регионов
}, { $errors ->
    [one] { $errors } ошибка
    [few] { $errors } ошибки
   *[many] { $errors } ошибок
}, { $warnings ->
    [one] { $warnings } предупреждение
    [few] { $warnings } предупреждения
   *[many] { $warnings } предупреждений
}
cli-checked = проверен { $origin }
cli-checked-embedded = проверен { $origin } (встроенный по умолчанию)

## Настройки и запуск
cli-config-unreadable = не удалось прочитать настройки { $path }: { $error }
cli-config-path-hint = проверьте путь в --config или PATHWAYS_CONFIG
cli-config-mode-hint = файл должен быть доступен для чтения всем операторам (режим 0644)
cli-config-keys-hint = ключи описаны в примере: 'pathways config init'
cli-config-team-in-user = { $at }: error: [team] задаётся в системных настройках, общих для всей команды
cli-unknown-ui-language = { $origin }: нет языка интерфейса '{ $code }' (есть: { $available })
cli-ui-language-hint = языки с переводом: { $available }
cli-keep-days-range = history.keep_days = { $days } ({ $source }) вне допустимого: от 1 до { $max } дней
cli-clock-unreadable = PATHWAYS_NOW: не удаётся прочитать '{ $value }' как момент времени; укажите RFC 3339, 'ГГГГ-ММ-ДД ЧЧ:ММ' или 'ГГГГ-ММ-ДД' либо уберите переменную

## stats

## regions: уровень региона
cli-level-country = страна
cli-level-oblast = область
cli-level-city = город
cli-level-district = район
cli-ui-language-in-config = ui_language в { $which ->
    [system] системных настройках
   *[user] настройках пользователя
} { $path }

## Журнал команды (referral::TeamError, cli::team_cmd).
cli-team-not-configured = журнал команды не настроен
cli-team-exposed = журнал команды { $path } { $what ->
    [writable] доступен на запись всем пользователям сервера
   *[readable] доступен на чтение всем пользователям сервера
}: отказано
cli-team-no-folder = папки журнала команды { $dir } не существует
cli-team-fix-configure = задайте [team] log = "/var/lib/pathways/team.db" в системной конфигурации ({ $path })
cli-team-fix-chmod = администратору нужно выполнить: chmod o-rwx { $path }
cli-team-fix-folder = администратору нужно выполнить: install -d -m 2770 -g pathways { $dir }
cli-team-fix-group = проверьте, что вы состоите в группе команды и что у папки режим 2770
cli-team-skipped = журнал команды не записан ({ $error }); { $fix }; запись сохранена в вашем собственном журнале, и 'pathways team sync' скопирует её позже
cli-team-synced = в журнал команды { $path } скопировано: { $referrals ->
    [one] { $referrals } направление
    [few] { $referrals } направления
   *[many] { $referrals } направлений
}, { $outcomes ->
    [one] { $outcomes } исход
    [few] { $outcomes } исхода
   *[many] { $outcomes } исходов
}
cli-team-ref-taken = журнал команды не записан: в { $path } уже есть другое направление { $note }, поэтому это направление туда не попадёт; запись сохранена в вашем собственном журнале
