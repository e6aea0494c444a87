# Messages of the directory (the TUI). Owned by the TUI; ids start with tui-.

# The title bar and the chips line: which catalogue is in use.
tui-origin-built-in = встроенный
tui-host-zone = в каталоге нет часового пояса: часы работы по поясу этого компьютера
tui-default-region-not-found = default_region из настроек не найден, регион не выбран: { $error }

# The status line: counts, the call's minutes, hints (one or two words a key).
tui-status-searching = поиск…
tui-status-minutes = { $minutes } мин
tui-hint-apply = применить
tui-hint-mark = отметить
tui-hint-cancel = отмена
tui-hint-next-field = далее
tui-hint-copy = копировать
tui-hint-file = в файл
tui-hint-back = назад
tui-hint-preview = просмотр
tui-hint-choice = выбор
tui-hint-close = закрыть
tui-hint-record = записать
tui-hint-outcome = итог
tui-hint-list = список
tui-hint-refer = направить
tui-hint-clear = очистить
tui-hint-new-call = новый звонок
tui-hint-help = справка
tui-hint-quit = выход
tui-hint-basket = отобрать
tui-hint-need = нужды
tui-hint-region = регион

# Status messages.
tui-new-call-question = новый звонок: очистить запрос, фильтры, отобранное и неотправленную записку? Ctrl-l ещё раз — очистить, любая другая клавиша — оставить
tui-new-call-ready = готово к новому звонку
tui-embedded-hint = встроенный каталог нельзя править: выполните 'pathways default-catalogue > my.toml' и запустите с '--catalogue my.toml' или укажите его в настройках
tui-nothing-to-copy = не выбрана услуга для копирования
tui-nothing-to-refer = некуда направить: выберите услугу или отберите несколько пробелом
tui-not-ready = не готово: { $problem }
tui-status-services = { $count ->
    [one] { $count }{ $more } услуга
    [few] { $count }{ $more } услуги
   *[many] { $count }{ $more } услуг
}
tui-status-basket = отобрано { $count }
tui-status-due = к контролю { $count }

# Help and `pathways keys`: the key tables (src/tui/keys.rs) carry these ids.
tui-key-help = справка
tui-key-repaint-twice-new-call-clears-query = перерисовать; дважды: новый звонок (очищает запрос, фильтры, отобранное, черновик)
tui-key-quit = выход
tui-key-cursor-left = курсор влево
tui-key-cursor-right = курсор вправо
tui-key-to-the-start = в начало
tui-key-to-the-end = в конец
tui-key-a-word-left = на слово влево
tui-key-a-word-right = на слово вправо
tui-key-delete-the-character-before-the-cursor = удалить символ перед курсором
tui-key-delete-the-character-under-the-cursor = удалить символ под курсором
tui-key-delete-the-word-before-the-cursor = удалить слово перед курсором
tui-key-clear-the-field = очистить поле
tui-key-previous-service = предыдущая услуга
tui-key-next-service = следующая услуга
tui-key-page-up = страница вверх
tui-key-page-down = страница вниз
tui-key-type-to-search = набирайте для поиска
tui-key-clear-the-query-again-the-filters = очистить запрос, ещё раз — фильтры
tui-key-refer-open-the-composer = направить: открыть форму
tui-key-focus-the-list = к списку
tui-key-focus-the-details = к подробностям
tui-key-reload-the-catalogue = перечитать каталог
tui-key-place-names-in-the-query-region = места в запросе: фильтр региона или текст
tui-key-scroll-up = прокрутка вверх
tui-key-scroll-down = прокрутка вниз
tui-key-scroll-a-page-up = страница вверх
tui-key-scroll-a-page-down = страница вниз
tui-key-back-to-the-query-line = назад к строке поиска
tui-key-next-pane = следующая панель
tui-key-previous-pane = предыдущая панель
tui-key-pick-needs = выбрать нужды
tui-key-pick-the-region = выбрать регион
tui-key-pick-the-language = выбрать язык
tui-key-pick-the-population = выбрать группу
tui-key-only-services-open-now = только открытые сейчас
tui-key-add-to-remove-from-the-referral = отобрать / убрать из направления
tui-key-compose-the-referral-basket-else-the = составить направление (отобранные, иначе выбранная)
tui-key-copy-the-public-contact-card = копировать карточку контактов
tui-key-statistics = статистика
tui-key-follow-ups-due-set-outcomes = контроль: отметить итоги
tui-key-edit-the-service-in-editor = править услугу в $EDITOR
tui-key-type-to-filter = набирайте для отбора
tui-key-previous-item = предыдущий пункт
tui-key-next-item = следующий пункт
tui-key-mark-a-need-needs-only = отметить нужду (только нужды)
tui-key-apply = применить
tui-key-cancel = отмена
tui-key-type-in-a-text-field-space = ввод в текстовом поле; Space отмечает флажок, на поле Регион открывает выбор
tui-key-next-field = следующее поле
tui-key-previous-field = предыдущее поле
tui-key-previous-choice-in-text-cursor-left = предыдущий вариант (в тексте: курсор влево)
tui-key-next-choice-in-text-cursor-right = следующий вариант (в тексте: курсор вправо)
tui-key-copy-the-note = копировать записку
tui-key-write-the-note-to-a-file = записать записку в файл
tui-key-form-preview-narrow-screens = форма / просмотр (узкий экран)
tui-key-scroll-the-preview-up = прокрутить просмотр вверх
tui-key-scroll-the-preview-down = прокрутить просмотр вниз
tui-key-back-to-the-list-draft-kept = назад к списку, черновик сохранён
tui-key-close = закрыть
tui-key-previous-follow-up = предыдущий контроль
tui-key-next-follow-up = следующий контроль
tui-key-set-its-outcome-enter-again-attended = отметить итог (Enter ещё раз: обратился)
tui-key-previous-status = предыдущий итог
tui-key-next-status = следующий итог
tui-key-record-the-status-under-the-cursor = записать итог под курсором
tui-key-attended = обратился
tui-key-accepted = принят
tui-key-declined-by-the-service = отказ службы
tui-key-declined-by-the-client = отказ клиента
tui-key-no-contact = нет связи
tui-key-referred-on = перенаправлен
tui-key-closed = закрыто
tui-key-back-to-the-list = назад к списку
tui-keys-query-line = Строка поиска
tui-keys-query-line-and-list = Строка поиска и список
tui-keys-list = Список
tui-keys-details = Подробности
tui-keys-list-and-details = Список и подробности
tui-keys-text-fields-query-line-picker-filter = Текстовые поля (поиск, отбор в выборе, форма)
tui-keys-pickers = Выбор из списка
tui-keys-referral-composer = Форма направления
tui-keys-help-and-statistics = Справка и статистика
tui-keys-follow-ups = Контроль
tui-keys-outcome-picker = Выбор итога
tui-keys-everywhere = Везде
tui-key-name-text = текст

# Overlays, panes and empty states.
tui-help-title = Справка
tui-overlay-hint = Up/Down прокрутка, Esc или q закрывает
tui-catalogue = Каталог
tui-services-title = Услуги
tui-no-hours = ни у одной услуги здесь нет часов в формате: «открыто сейчас» не может их отобрать
tui-searching = Поиск…
tui-no-services = В каталоге нет услуг.
tui-no-match = Ничего не найдено.
tui-more-than-services = больше { $count } услуг
tui-drop-filter = Без фильтра «{ $filter }»: { $services } ({ $how }).
tui-try-other-words = Попробуйте другие или меньше слов; латиница и кириллица равноценны. Esc очищает запрос, второй Esc — фильтры.
tui-drop-how-text = Esc очищает запрос
tui-drop-how-needs = n — выбор нужд
tui-drop-how-region = r — выбор региона
tui-drop-how-language = l — выбор языка
tui-drop-how-population = p — выбор группы
tui-drop-how-open-now = o — открытые сейчас
tui-filter-text = текст запроса
tui-filter-needs = нужды
tui-filter-region = регион
tui-filter-language = язык
tui-filter-population = группа
tui-filter-open-now = открыто сейчас

# The query line, the chips, the filter pane and the pickers.
tui-query-prompt = Поиск
tui-query-placeholder = услуга, нужда или место, латиницей или кириллицей
tui-no-filters = Без фильтров: n нужды, r регион, l язык, p группа, o открыто
tui-chip-need = нужда: { $value }
tui-chip-region = регион: { $value }
tui-chip-region-from-query = регион: { $value } (из запроса)
tui-chip-language = язык: { $value }
tui-chip-population = группа: { $value }
tui-filters-title = Фильтры
tui-pane-open-now = Открыто сейчас
tui-yes = да
tui-no = нет
tui-any = любой
tui-picker-needs = Нужды
tui-picker-region = Регион
tui-picker-language = Язык
tui-picker-population = Группа
tui-picker-any-need = любая нужда
tui-picker-any-region = любой регион
tui-picker-any-language = любой язык
tui-picker-any-population = любая группа
tui-picker-prompt = Найти
tui-picker-hint-multi = Tab отмечает, Enter применяет, Esc отмена
tui-picker-hint = Enter применяет, Esc отмена
tui-picker-nothing = ничего не найдено
tui-picker-in = в: { $parent }
tui-details-title = Подробности
tui-no-selection = Услуга не выбрана.

# The referral composer: labels (at most 16 columns), choices, problems.
tui-compose-title = Направление
tui-compose-rows = строки { $first }–{ $last } из { $total }
tui-compose-to-one = Направление в: { $name }
tui-compose-to-many-short = Направление: { $count ->
    [one] { $count } услуга
    [few] { $count } услуги
   *[many] { $count } услуг
}
tui-compose-to-many = Направление: { $count ->
    [one] { $count } услуга
    [few] { $count } услуги
   *[many] { $count } услуг
}
tui-compose-no-referrer = не указаны оператор и организация (`pathways config init`): в записке будет «направил: не указано»
tui-compose-pick = выбрать
tui-preview-title = Просмотр записки
tui-preview-not-ready = Ещё не готово:
tui-field-needs = Нужды
tui-field-case-ref = Код клиента
tui-field-reason = Причина
tui-field-priority = Срочность
tui-field-region = Регион
tui-field-consent = Согласие
tui-field-consent-date = Дата согласия
tui-field-override-reason = Почему без согл.
tui-field-age-band = Возраст
tui-field-minor = Несовершеннолет.
tui-field-languages = Языки клиента
tui-field-interpreter = Переводчик
tui-field-channel = Канал связи
tui-field-follow-up = Дата контроля
tui-not-set = не указано
tui-none = нет
tui-from-priority = { $date } (по срочности)
tui-no-longer-in-catalogue = { $id } (больше нет в каталоге)
tui-problem-follow-up-date = не дата: пишите ДД.ММ.ГГГГ или оставьте пустым — по срочности
tui-problem-date = не дата: пишите ДД.ММ.ГГГГ
tui-problem-case-ref = нужен код клиента (наберите `{ $none }`, если его нет)
tui-problem-override-reason = укажите, почему согласие не получено
tui-problem-no-consent = нужно согласие: Left/Right отмечает его (или срочность «экстренная»)
tui-problem-consent-in-future = дата согласия позже даты записки
tui-problem-follow-up-in-past = дата контроля раньше даты записки
tui-problem-follow-up-past-calendar = дата контроля вышла бы за 31.12.9999
tui-problem-age-contradiction = «взрослый» и «несовершеннолетний» противоречат: выберите «ребёнок» или снимите флажок
choice-routine = обычная
choice-urgent = срочная
choice-emergency = экстренная
choice-verbal = устное
choice-written = письменное
choice-child = ребёнок
choice-adult = взрослый
choice-older = пожилой
choice-phone = телефон
choice-sms = SMS
choice-whatsapp = WhatsApp
choice-viber = Viber
choice-telegram = Telegram
choice-email = эл. почта
choice-in-person = лично
choice-do-not-contact = не связываться

# The follow-up view.
tui-follow-ups-title = Контроль
tui-follow-ups-hint = Enter — итог, Esc или q закрывает
tui-follow-ups-hint-picking = буква или Enter записывает, Esc назад
tui-reading-log = чтение журнала направлений…
tui-follow-ups-none = Контроль сейчас не нужен.
tui-outcome-title = Итог

# The statistics overlay.
tui-stats-title = Статистика
tui-stats-history = Журнал направлений
tui-stats-reading = чтение…
tui-stats-by-need = По нуждам
tui-stats-by-region = По регионам
tui-stats-by-outcome = По итогам (направление × услуга)
tui-stats-catalogue-by-need = Услуги каталога по нуждам
tui-stats-summary = { $services }: работают { $active }, временно закрыто { $closed }, не работает { $inactive }; давно не проверялось (УСТАР.) { $stale }, с предупреждением { $alerts }; регионов { $regions }
tui-stats-recorded = { $records ->
    [one] { $records } направление
    [few] { $records } направления
   *[many] { $records } направлений
} в журнале, к контролю или просрочено: { $due }

# Notices of the event loop: deliveries, copies, drafts, reloads, the referral log.
tui-card-copied = карточка контактов: { $how }
tui-copy-failed = не скопировано: { $error }
tui-draft-not-deleted = сохранённый черновик не удалён: { $error }
tui-draft-not-saved = черновик не сохранён: { $error }
tui-draft-restored = восстановлен сохранённый черновик направления: Enter открывает его
tui-draft-not-restored = сохранённый черновик не восстановлен: { $error }
tui-reload-failed = каталог не перечитан, оставлен прежний: { $error }
tui-notes-not-purged = старые записки в { $dir } не удалены: { $error }
tui-note-not-delivered = записка не отправлена: { $error }
tui-cannot-create = не удаётся создать { $dir }: { $error }
tui-log-not-written = журнал направлений не записан: { $error }
tui-log-problem = { $error } (выполните 'pathways history --check')
tui-history-off = журнал направлений выключен в настройках
tui-outcome-recorded = записано: { $status } для { $service } ({ $note })
tui-outcome-not-recorded = итог не записан: { $error }
tui-editor-failed = не удалось запустить редактор '{ $program }': { $error }
tui-reloaded = каталог перечитан: { $count ->
    [one] { $count } услуга
    [few] { $count } услуги
   *[many] { $count } услуг
}
tui-kept-catalogue = оставлен последний исправный каталог; ошибок в файле: { $count }, первая: { $first }

# Why the directory cannot open (stderr, exit 2).
tui-no-terminal-type = этот терминал не может показать справочник; используйте `pathways search`
tui-no-terminal-type-hint = укажите в TERM тип терминала (xterm-256color, linux, vt100, ...)
tui-needs-terminal = справочнику нужен терминал
tui-needs-terminal-hint = в сценариях используйте 'pathways search', 'pathways show' или 'pathways refer'
tui-template-hint = проверьте 'template' в настройках

# A catalogue shared by a team (the file changes under an open directory; who may edit it).
tui-catalogue-read-only = каталог для вас только для чтения: обратитесь к тому, кто ведёт данные
tui-catalogue-updated = каталог обновлён ({ $count ->
    [one] { $count } услуга
    [few] { $count } услуги
   *[many] { $count } услуг
})
tui-watch-failed = изменения каталога не будут замечены (Ctrl-r перечитывает): { $error }
tui-status-basket-gone = отобрано { $count } (выбыло { $gone })
tui-compose-to-many-gone = Направление: { $count ->
    [one] { $count } услуга
    [few] { $count } услуги
   *[many] { $count } услуг
}, выбыло из каталога: { $gone }
tui-compose-how-to-list = (Shift-Tab, Enter: показать все)
tui-compose-list-them = Enter: показать все
tui-compose-remove-gone = Ctrl-x убирает услуги, которых больше нет в каталоге
tui-gone-not-ready = не готово: одной из услуг больше нет в каталоге: Ctrl-x убирает её из направления
tui-gone-removed = убрано услуг, которых больше нет в каталоге: { $count }
tui-gone-none = все услуги этого направления есть в каталоге
tui-key-remove-gone = убрать услуги, которых больше нет в каталоге
tui-key-next-field-or-list = следующее поле; на строке услуг: показать все
tui-hint-remove-gone = убрать выбывшие
tui-hint-list-services = показать услуги
