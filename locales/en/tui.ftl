# Messages of the directory (the TUI). Owned by the TUI; ids start with tui-.

# The title bar and the chips line: which catalogue is in use.
tui-origin-built-in = built in
tui-host-zone = no timezone in the catalogue: hours follow this machine's zone
tui-default-region-not-found = default_region in the config was not found, so no region is set: { $error }

# The status line: counts, the call's minutes, hints (one or two words a key).
tui-status-searching = searching
tui-status-minutes = { $minutes } min
tui-hint-apply = apply
tui-hint-mark = mark
tui-hint-cancel = cancel
tui-hint-next-field = next field
tui-hint-copy = copy
tui-hint-file = file
tui-hint-back = back
tui-hint-preview = preview
tui-hint-choice = choice
tui-hint-close = close
tui-hint-record = record
tui-hint-outcome = outcome
tui-hint-list = list
tui-hint-refer = refer
tui-hint-clear = clear
tui-hint-new-call = new call
tui-hint-help = help
tui-hint-quit = quit
tui-hint-basket = basket
tui-hint-need = need
tui-hint-region = region

# Status messages.
tui-new-call-question = new call: clear query, filters, basket and the unsent note? Ctrl-l again to clear, any other key to keep
tui-new-call-ready = ready for a new call
tui-embedded-hint = the built-in catalogue cannot be edited: run 'pathways default-catalogue > my.toml', then start with '--catalogue my.toml' or set it in the config
tui-nothing-to-copy = no service selected to copy
tui-nothing-to-refer = nothing to refer: select a service or add some with Space
tui-not-ready = not ready: { $problem }
tui-status-services = { $count ->
    [one] { $count }{ $more } service
   *[other] { $count }{ $more } services
}
tui-status-basket = basket { $count }
tui-status-due = due { $count }

# Help and `pathways keys`: the key tables (src/tui/keys.rs) carry these ids.
tui-key-help = help
tui-key-repaint-twice-new-call-clears-query = repaint; twice: new call (clears query, filters, basket, draft)
tui-key-quit = quit
tui-key-cursor-left = cursor left
tui-key-cursor-right = cursor right
tui-key-to-the-start = to the start
tui-key-to-the-end = to the end
tui-key-a-word-left = a word left
tui-key-a-word-right = a word right
tui-key-delete-the-character-before-the-cursor = delete the character before the cursor
tui-key-delete-the-character-under-the-cursor = delete the character under the cursor
tui-key-delete-the-word-before-the-cursor = delete the word before the cursor
tui-key-clear-the-field = clear the field
tui-key-previous-service = previous service
tui-key-next-service = next service
tui-key-page-up = page up
tui-key-page-down = page down
tui-key-type-to-search = type to search
tui-key-clear-the-query-again-the-filters = clear the query, again: the filters
tui-key-refer-open-the-composer = refer: open the composer
tui-key-focus-the-list = focus the list
tui-key-focus-the-details = focus the details
tui-key-reload-the-catalogue = reload the catalogue
tui-key-place-names-in-the-query-region = place names in the query: region filter or text
tui-key-scroll-up = scroll up
tui-key-scroll-down = scroll down
tui-key-scroll-a-page-up = scroll a page up
tui-key-scroll-a-page-down = scroll a page down
tui-key-back-to-the-query-line = back to the query line
tui-key-next-pane = next pane
tui-key-previous-pane = previous pane
tui-key-pick-needs = pick needs
tui-key-pick-the-region = pick the region
tui-key-pick-the-language = pick the language
tui-key-pick-the-population = pick the population
tui-key-only-services-open-now = only services open now
tui-key-add-to-remove-from-the-referral = add to / remove from the referral
tui-key-compose-the-referral-basket-else-the = compose the referral (basket, else the selected)
tui-key-copy-the-public-contact-card = copy the public contact card
tui-key-statistics = statistics
tui-key-follow-ups-due-set-outcomes = follow-ups due: set outcomes
tui-key-edit-the-service-in-editor = edit the service in $EDITOR
tui-key-type-to-filter = type to filter
tui-key-previous-item = previous item
tui-key-next-item = next item
tui-key-mark-a-need-needs-only = mark a need (needs only)
tui-key-apply = apply
tui-key-cancel = cancel
tui-key-type-in-a-text-field-space = type in a text field; Space toggles a checkbox, on Region opens the picker
tui-key-next-field = next field
tui-key-previous-field = previous field
tui-key-previous-choice-in-text-cursor-left = previous choice (in text: cursor left)
tui-key-next-choice-in-text-cursor-right = next choice (in text: cursor right)
tui-key-copy-the-note = copy the note
tui-key-write-the-note-to-a-file = write the note to a file
tui-key-form-preview-narrow-screens = form / preview (narrow screens)
tui-key-scroll-the-preview-up = scroll the preview up
tui-key-scroll-the-preview-down = scroll the preview down
tui-key-back-to-the-list-draft-kept = back to the list, draft kept
tui-key-close = close
tui-key-previous-follow-up = previous follow-up
tui-key-next-follow-up = next follow-up
tui-key-set-its-outcome-enter-again-attended = set its outcome (Enter again: attended)
tui-key-previous-status = previous status
tui-key-next-status = next status
tui-key-record-the-status-under-the-cursor = record the status under the cursor
tui-key-attended = attended
tui-key-accepted = accepted
tui-key-declined-by-the-service = declined by the service
tui-key-declined-by-the-client = declined by the client
tui-key-no-contact = no contact
tui-key-referred-on = referred on
tui-key-closed = closed
tui-key-back-to-the-list = back to the list
tui-keys-query-line = Query line
tui-keys-query-line-and-list = Query line and list
tui-keys-list = List
tui-keys-details = Details
tui-keys-list-and-details = List and details
tui-keys-text-fields-query-line-picker-filter = Text fields (query line, picker filter, composer)
tui-keys-pickers = Pickers
tui-keys-referral-composer = Referral composer
tui-keys-help-and-statistics = Help and statistics
tui-keys-follow-ups = Follow-ups
tui-keys-outcome-picker = Outcome picker
tui-keys-everywhere = Everywhere
tui-key-name-text = text

# Overlays, panes and empty states.
tui-help-title = Help
tui-overlay-hint = Up/Down scroll, Esc or q closes
tui-catalogue = Catalogue
tui-services-title = Services
tui-no-hours = no service here has structured hours: open now cannot filter them
tui-searching = Searching...
tui-no-services = The catalogue has no services.
tui-no-match = No service matches.
tui-more-than-services = more than { $count } services
tui-drop-filter = Drop { $filter }: { $services } ({ $how }).
tui-try-other-words = Try other or fewer words; Latin and Cyrillic both work. Esc clears the query, a second Esc the filters.
tui-drop-how-text = Esc clears the query
tui-drop-how-needs = n picks needs
tui-drop-how-region = r picks the region
tui-drop-how-language = l picks the language
tui-drop-how-population = p picks the population
tui-drop-how-open-now = o toggles open now
tui-filter-text = the query text
tui-filter-needs = the need filter
tui-filter-region = the region filter
tui-filter-language = the language filter
tui-filter-population = the population filter
tui-filter-open-now = open now

# The query line, the chips, the filter pane and the pickers.
tui-query-prompt = Search
tui-query-placeholder = service, need or place, Latin or Cyrillic
tui-no-filters = No filters: n need, r region, l language, p population, o open now
tui-chip-need = need: { $value }
tui-chip-region = region: { $value }
tui-chip-region-from-query = region: { $value } (from the query)
tui-chip-language = language: { $value }
tui-chip-population = population: { $value }
tui-filters-title = Filters
tui-pane-open-now = Open now
tui-yes = yes
tui-no = no
tui-any = any
tui-picker-needs = Needs
tui-picker-region = Region
tui-picker-language = Language
tui-picker-population = Population
tui-picker-any-need = any need
tui-picker-any-region = any region
tui-picker-any-language = any language
tui-picker-any-population = any population
tui-picker-prompt = Find
tui-picker-hint-multi = Tab marks, Enter applies, Esc cancels
tui-picker-hint = Enter applies, Esc cancels
tui-picker-nothing = nothing matches
tui-picker-in = in { $parent }
tui-details-title = Details
tui-no-selection = No service selected.

# The referral composer: labels (at most 16 columns), choices, problems.
tui-compose-title = Referral
tui-compose-rows = rows { $first }-{ $last } of { $total }
tui-compose-to-one = Referral to: { $name }
tui-compose-to-many-short = Referral to { $count } service(s)
tui-compose-to-many = Referral to { $count } service(s):
tui-compose-no-referrer = no operator or organisation set (`pathways config init`): the note says "Referred by: not recorded"
tui-compose-pick = pick
tui-preview-title = Note preview
tui-preview-not-ready = Not ready yet:
tui-field-needs = Needs
tui-field-case-ref = Client code
tui-field-reason = Reason
tui-field-priority = Priority
tui-field-region = Region
tui-field-consent = Consent
tui-field-consent-date = Consent date
tui-field-override-reason = Override reason
tui-field-age-band = Age band
tui-field-minor = Minor
tui-field-languages = Client languages
tui-field-interpreter = Interpreter
tui-field-channel = Contact channel
tui-field-follow-up = Follow-up date
tui-not-set = not set
tui-none = none
tui-from-priority = { $date } (from priority)
tui-no-longer-in-catalogue = { $id } (no longer in the catalogue)
tui-problem-follow-up-date = not a date: use YYYY-MM-DD, or leave empty to follow the priority
tui-problem-date = not a date: use YYYY-MM-DD
tui-problem-case-ref = client code needed (type `{ $none }` if the caller has none)
tui-problem-override-reason = say why consent could not be taken
tui-problem-no-consent = consent needed: Left/Right records it (or priority emergency)
tui-problem-consent-in-future = the consent date is after the note's date
tui-problem-follow-up-in-past = the follow-up date is before the note's date
tui-problem-follow-up-past-calendar = the follow-up would fall after 9999-12-31
tui-problem-age-contradiction = adult and minor contradict: choose child or untick Minor
choice-routine = routine
choice-urgent = urgent
choice-emergency = emergency
choice-verbal = verbal
choice-written = written
choice-child = child
choice-adult = adult
choice-older = older
choice-phone = phone
choice-sms = sms
choice-whatsapp = whatsapp
choice-viber = viber
choice-telegram = telegram
choice-email = email
choice-in-person = in-person
choice-do-not-contact = do-not-contact

# The follow-up view.
tui-follow-ups-title = Follow-ups due
tui-follow-ups-hint = Enter sets the outcome, Esc or q closes
tui-follow-ups-hint-picking = letter or Enter records, Esc backs out
tui-reading-log = reading the referral log...
tui-follow-ups-none = No follow-up is due.
tui-outcome-title = Outcome

# The statistics overlay.
tui-stats-title = Statistics
tui-stats-history = Referral history
tui-stats-reading = reading...
tui-stats-by-need = By need
tui-stats-by-region = By region
tui-stats-by-outcome = By outcome (per referral and service)
tui-stats-catalogue-by-need = Services in the catalogue by need
tui-stats-summary = { $services }: { $active } active, { $closed } temporarily closed, { $inactive } inactive; { $stale } not verified recently (STALE), { $alerts } with a live alert; { $regions } regions
tui-stats-recorded = { $records ->
    [one] { $records } referral
   *[other] { $records } referrals
} recorded, { $due ->
    [one] { $due } follow-up
   *[other] { $due } follow-ups
} due or overdue

# Notices of the event loop: deliveries, copies, drafts, reloads, the referral log.
tui-card-copied = contact card { $how }
tui-copy-failed = not copied: { $error }
tui-draft-not-deleted = the saved draft was not deleted: { $error }
tui-draft-not-saved = the draft could not be saved: { $error }
tui-draft-restored = a saved referral draft was restored: Enter opens it
tui-draft-not-restored = the saved draft was not restored: { $error }
tui-reload-failed = reload failed, kept the previous catalogue: { $error }
tui-notes-not-purged = old notes in { $dir } were not purged: { $error }
tui-note-not-delivered = the note was not delivered: { $error }
tui-cannot-create = cannot create { $dir }: { $error }
tui-log-not-written = referral log not written: { $error }
tui-log-problem = { $error } (run 'pathways history --check')
tui-history-off = history is turned off in the configuration
tui-outcome-recorded = recorded: { $status } for { $service } ({ $note })
tui-outcome-not-recorded = the outcome was not recorded: { $error }
tui-editor-failed = could not run the editor '{ $program }': { $error }
tui-reloaded = reloaded: { $count } services
tui-kept-catalogue = kept the last good catalogue; the file has { $count } error(s), first: { $first }

# Why the directory cannot open (stderr, exit 2).
tui-no-terminal-type = this terminal cannot show the directory; use `pathways search`
tui-no-terminal-type-hint = set TERM to your terminal's type (xterm-256color, linux, vt100, ...)
tui-needs-terminal = the interactive directory needs a terminal
tui-needs-terminal-hint = in scripts use 'pathways search', 'pathways show' or 'pathways refer'
tui-template-hint = check 'template' in the config

# A catalogue shared by a team (the file changes under an open directory; who may edit it).
tui-catalogue-read-only = the catalogue is read-only for you: ask the data manager
tui-catalogue-updated = catalogue updated ({ $count } services)
tui-watch-failed = changes to the catalogue will not be noticed (Ctrl-r reloads): { $error }
tui-status-basket-gone = basket { $count } ({ $gone } gone)
tui-compose-to-many-gone = Referral to { $count } service(s), { $gone } gone
tui-compose-how-to-list = (Shift-Tab, Enter: list them)
tui-compose-list-them = Enter: list them
tui-compose-remove-gone = Ctrl-x removes the services no longer in the catalogue
tui-gone-not-ready = not ready: a service is no longer in the catalogue: Ctrl-x removes it from the referral
tui-gone-removed = removed { $count } service(s) no longer in the catalogue
tui-gone-none = every service of this referral is in the catalogue
tui-key-remove-gone = remove services no longer in the catalogue
tui-key-next-field-or-list = next field; on the services line: list them all
tui-hint-remove-gone = remove gone
tui-hint-list-services = list services
