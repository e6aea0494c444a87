# Messages of the commands (stderr, why, check). Owned by the CLI; ids start with cli-.

## Shared pieces
# A flag and what is wrong with its value: `--need: nothing matches 'x'`.
cli-flag-problem = { $flag }: { $problem }
cli-cannot-write-output = cannot write output: { $error }
cli-note-not-written = cannot write output: { $error }; the note was not delivered and not recorded
cli-warning = warning: { $text }
cli-note = note: { $text }

## search
cli-no-hits = no services match
cli-open-at-unreadable = --open-at: cannot read '{ $value }' as a moment
cli-open-at-hint = use RFC 3339 or 'YYYY-MM-DD HH:MM' in the catalogue's time zone

## history, stats
cli-purged = purged { $count } record(s) before { $date }

## why: each reason a service matched. English must read as the search writes it (a test
## compares them); fields are the catalogue's keys.
cli-why-word = '{ $term }' in { $field }
cli-why-word-as = '{ $term }' in { $field } (as '{ $found }')
cli-why-typo = '{ $term }' read as '{ $found }' in { $field }
cli-why-national = national service
cli-why-area-not-stated = service area not stated
cli-why-serves = serves { $region }
cli-why-serves-inside = serves { $region }, inside { $parent }
cli-why-covers = covers { $region }, which contains { $contains }
cli-why-serves-many = { $more ->
    [0] serves { $regions }
   *[other] serves { $regions } and { $more } more
}
cli-why-from-query = { $place } (region from the query)
cli-why-open-now = open now
cli-why-open-then = open at that time
cli-why-hours-unknown = hours unknown
cli-why-temporarily-closed = temporarily closed
cli-why-inactive = inactive
cli-why-alert = alert: { $text }
cli-field-name = name
cli-field-organisation = organisation
cli-field-needs = needs
cli-field-regions = regions
cli-field-description = description
cli-field-eligibility = eligibility
cli-field-how-to-refer = how_to_refer
cli-field-populations = populations
cli-field-languages = languages
cli-field-contacts = contacts
cli-field-translations = translations
cli-field-documents = documents

## refer
cli-no-consent = no consent recorded: a note needs the client's consent unless the priority is emergency
cli-no-consent-hint = add --consent verbal or --consent written (and --consent-date YYYY-MM-DD if not today); an emergency without consent: --priority emergency --override-reason TEXT
cli-no-services = no service chosen
cli-no-services-hint = name at least one service id
cli-consent-in-future = the consent date is after the date of the note
cli-consent-in-future-hint = --consent-date must not be after today
cli-follow-up-in-past = the follow-up date is before the date of the note
cli-follow-up-in-past-hint = --follow-up must not be before today
cli-age-contradiction = the age band says adult but the client is marked a minor
cli-age-contradiction-hint = drop --minor, or give --age-band child
cli-follow-up-past-calendar = the follow-up date would fall after 9999-12-31, the last date there is
cli-follow-up-past-calendar-hint = give --follow-up YYYY-MM-DD on or before 9999-12-31
cli-not-a-date = '{ $value }' is not a date
cli-date-hint = use YYYY-MM-DD, up to 9999-12-31
cli-referrer-unknown = no operator name or organisation is configured: the note says "Referred by: not recorded"; set them with `pathways config init`
cli-no-case-ref = no --case-ref: the note says "no client code" (give --case-ref none when the caller has none)
cli-unknown-service = no service with id `{ $id }`
cli-unknown-service-hint = 'pathways search' lists services and their ids
cli-did-you-mean = did you mean { $ids }?
cli-template-error = template { $template }: { $message }
cli-template-error-at = template { $template }:{ $line }: { $message }
cli-file-exists = { $path } exists
cli-force-hint = add --force to replace it
cli-cannot-write = cannot write { $path }: { $error }
cli-copy-no-terminal = { $system ->
    [failed] no terminal to copy through (OSC 52 needs one) and the system clipboard is not available: use 'ssh -t' or write the note with --out FILE
   *[untried] no terminal to copy through (OSC 52 needs one): use 'ssh -t' or write the note with --out FILE
}
cli-copy-write-failed = could not write to the terminal: { $error }
cli-copy-large = the clipboard sequence is { $size } kB; some terminals (kitty and others) drop OSC 52 copies of a few kB: check the paste, or use --out FILE
cli-note-written = note { $note } written to { $path }
cli-note-copied = note { $note } { $how }
cli-not-recorded = the note was delivered, but the referral log could not be written: { $error }

## The referral log
cli-log-check-hint = run 'pathways history --check' to examine the referral log
cli-log-cannot-open = cannot open the referral log { $path }: { $error }
cli-log-damaged = the referral log { $path } is damaged or not a Pathways database: { $error }
cli-log-too-new = the referral log { $path } was written by a newer Pathways (schema { $found }; this one knows { $known })
cli-log-duplicate = the referral log { $path } already holds another referral { $note }
cli-log-sql = the referral log { $path } could not be read or written: { $error }
cli-history-migrated = the referral history moved to { $log }: { $count } record(s) imported; the old file is now { $old }
cli-history-migrated-unreadable = the referral history moved to { $log }: { $count } record(s) imported, { $unreadable } line(s) that are not records kept in { $file }; the old file is now { $old }

## Catalogue, needs and regions
cli-catalogue-unreadable = cannot read catalogue { $path }: { $reason }
cli-check-hint = run 'pathways check PATH' for details
cli-resolve-none = nothing matches '{ $input }'
cli-resolve-several = several match '{ $input }'
cli-closest = { $text }; closest: { $candidates }
cli-see-needs = see 'pathways needs' for the list
cli-see-regions = see 'pathways regions' for the list

## history, stats (continued)
cli-pinned-ahead = the clock is pinned ahead of the system clock (PATHWAYS_NOW): nothing was purged
cli-iso-date-hint = use YYYY-MM-DD
cli-log-none-yet = { $path }: no referral log yet (it is made with the first note)
cli-log-aside-hint = move the file aside to start a new log; keep it for recovery (sqlite3 .recover)
cli-log-ok = { $path }: ok ({ $referrals } referral(s), { $outcomes } outcome(s))
cli-log-integrity = the referral log { $path } failed its integrity check ({ $count } problem(s))
# The labels of a `history` line.
cli-history-follow-up = follow-up
cli-history-needs = needs
cli-history-region = region
cli-history-case = case
# In the team's listing (history --team): who referred.
cli-history-by = by

## outcome
cli-outcome-unknown-ref = no referral { $note } in the log
cli-outcome-history-hint = see 'pathways history' for the references
cli-outcome-closest = closest: { $refs }
cli-outcome-unknown-service = referral { $note } did not name the service { $service } (it named { $named })
cli-outcome-service-hint = name one of its services with --service, or none for all
cli-outcome-before-referral = the outcome date { $date } is before the referral ({ $referral })
cli-outcome-date-hint = --date must be on or after the day of the referral

## import, export, config
cli-unknown-time-zone = unknown time zone `{ $zone }`
cli-time-zone-hint = use an IANA name such as America/Chicago
cli-not-a-country = `{ $code }` is not a two-letter country code
cli-exists-not-overwritten = { $path } exists; not overwritten
cli-import-force-hint = add --force to replace it (its ids are kept)
cli-hsds-not-hsds = not HSDS data: { $why }
cli-hsds-no-services = no service could be read from { $path }
cli-hsds-bad-map = bad --map file: { $why }
cli-cannot-read = cannot read { $path }: { $error }
cli-exported = wrote { $services } services as HSDS 3.0 ({ $files } { $files ->
    [one] file
   *[other] files
}) to { $dir }
cli-export-not-empty = { $dir } is not empty; add --force to replace the files Pathways writes there
cli-config-unprintable = cannot print the configuration: { $error }
cli-wrote = wrote { $path }
cli-exists-already = { $path } exists already; it was left as it is
cli-exists-already-hint = edit it, or remove it first to start from the example
cli-system-config-hint = the system config needs root: run it with sudo

## check: the catalogue's diagnostics. Each English text must read exactly as the check
## writes it: the values are read back out of the English (src/catalogue/messages.rs).
cli-check-did-you-mean = { $text } (did you mean `{ $near }`?)
cli-check-duplicate-id = duplicate { $noun } id `{ $id }` (first defined at line { $line })
cli-check-unknown-ref = unknown { $noun } `{ $id }`
cli-check-cycle = { $noun } cycle: { $names }
cli-check-no-level = region `{ $id }` has no `level`: taken as { $level } from its place in the tree
cli-check-no-catalogue-table = no [catalogue] table: the defaults are used (title from the file's name, this machine's time zone)
cli-check-no-records = the file holds no catalogue: it needs [[services]] records with their needs, regions and organisations
cli-check-not-utf8 = the file is not UTF-8 text; save it as UTF-8
cli-check-missing-key = { $noun } is missing the required key `{ $key }`
cli-check-wrong-type = `{ $key }` must be { $want }, found { $found }
cli-check-empty-key = `{ $key }` is empty
cli-check-empty-title = empty title (the file's name is shown instead)
cli-check-empty = empty { $key }
cli-check-malformed-date = malformed date in `{ $key }`: { $problem }; write a TOML date like 2024-11-05, without quotes
cli-check-malformed-date-list = malformed date in `{ $key }`: { $problem }; write a TOML date like 2025-01-01
cli-check-date-has-time = `{ $value }` has a time; only a date is expected
cli-check-found = found { $found }
cli-check-unknown-key = unknown key `{ $key }` in { $noun }
cli-check-control-char = control character { $code } in text (it is stripped when shown)
cli-check-invisible-char = invisible character { $code } (a zero-width or direction mark) in text; it is stripped when shown
cli-check-second-header = a second [catalogue] table (the first is at line { $line })
cli-check-not-toml = not valid TOML: { $message }
cli-check-unknown-table = unknown top-level table `{ $key }`
cli-check-header-not-table = `catalogue` must be a table, found { $found }
cli-check-array-of-tables = `{ $key }` must be written as [[{ $key }]] tables
cli-check-each-table = each of `{ $key }` must be a table
cli-check-schema-too-new = this catalogue needs schema { $schema }, but this pathways understands schema { $known } at most; install a newer pathways
cli-check-schema = `schema` must be { $known }
cli-check-unknown-zone = unknown time zone `{ $zone }`; use an IANA name such as "Europe/Minsk" (this machine's zone is used meanwhile)
cli-check-stale-days = `stale_after_days` must be 1 or more
cli-check-region-level = unknown region level `{ $word }`; use country, oblast, city or district
cli-check-not-slug = id `{ $id }` is not a lowercase slug (letters a-z, digits and single hyphens), e.g. `{ $hint }`
cli-check-email = malformed e-mail address `{ $email }`
cli-check-url = malformed URL `{ $url }`; write it in full, starting with https://
cli-check-phone-kind = unknown phone kind `{ $word }`; use one of { $kinds }
cli-check-no-needs = service has no needs: list at least one need id
cli-check-no-regions = service serves no region: list at least one region id ("by" for the whole country)
cli-check-status = unknown status `{ $word }`; use active, temporarily-closed or inactive
cli-check-ages = `max_age` { $max } is below `min_age` { $min }
cli-check-hours = opening hours do not parse: { $message }
cli-check-translation-table = `translations.{ $lang }` must be a table
cli-check-no-timezone = the catalogue names no `timezone`: "open now" and dates follow this machine's zone; add one such as timezone = "Europe/Minsk"
cli-check-unverified = service `{ $id }` has no `verified` date: treat it as stale until someone checks it
cli-check-stale = service `{ $id }` not verified since { $date } (more than { $days } days)
cli-check-no-channel = service `{ $id }` has no public contact channel (no public phone, e-mail or website on it, its contacts or its organisation)
cli-check-alert-expired = alert of service `{ $id }` expired on { $date }
cli-check-org-no-services = organisation `{ $id }` has no services
cli-check-declined = service '{ $id }': its last { $count } referrals were declined by the service (referral log); verify its details
cli-check-directory = it is a directory, not a file
cli-check-too-large = it is { $size } MB, more than the { $limit } MB a catalogue may be
cli-check-grew = it grew past the size a catalogue may be
cli-check-no-such-file = no such file
cli-check-permission-denied = permission denied
# The summary after the diagnostics, and where the catalogue came from.
# English keeps the summary's one form (scripts read this line): `1 services`.
cli-check-summary = { $services } services, { $organisations } organisations, { $contacts } contacts, { $regions } regions, { $errors } errors, { $warnings } warnings
cli-checked = checked { $origin }
cli-checked-embedded = checked { $origin } (the built-in default)

## Configuration and start-up
cli-config-unreadable = cannot read config { $path }: { $error }
cli-config-path-hint = check the path given with --config or PATHWAYS_CONFIG
cli-config-mode-hint = the file must be readable by every operator (mode 0644)
cli-config-keys-hint = see 'pathways config init' for the keys
cli-config-team-in-user = { $at }: error: [team] belongs in the system config, shared by the whole team
cli-unknown-ui-language = { $origin }: no interface language '{ $code }' (available: { $available })
cli-ui-language-hint = languages with a bundle: { $available }
cli-keep-days-range = history.keep_days = { $days } ({ $source }) is out of range: it takes 1 to { $max } days
cli-clock-unreadable = PATHWAYS_NOW: cannot read '{ $value }' as a moment; use RFC 3339, 'YYYY-MM-DD HH:MM' or 'YYYY-MM-DD', or unset it

## stats: the labels Pathways makes (the catalogue's names are shown as they are)

## regions: a region's level
cli-level-country = country
cli-level-oblast = oblast
cli-level-city = city
cli-level-district = district
cli-ui-language-in-config = ui_language in the { $which } config { $path }

## The team log (referral::TeamError, cli::team_cmd).
cli-team-not-configured = no team log is configured
cli-team-exposed = the team log { $path } is { $what ->
    [writable] world-writable
   *[readable] world-readable
}: refused
cli-team-no-folder = the team log's folder { $dir } does not exist
cli-team-fix-configure = set [team] log = "/var/lib/pathways/team.db" in the system config ({ $path })
cli-team-fix-chmod = the administrator runs: chmod o-rwx { $path }
cli-team-fix-folder = the administrator runs: install -d -m 2770 -g pathways { $dir }
cli-team-fix-group = check that you are in the team's group and that the folder has mode 2770
cli-team-skipped = the team log was not written ({ $error }); { $fix }; your own log has the record and 'pathways team sync' copies it later
cli-team-synced = copied { $referrals ->
    [one] { $referrals } referral
   *[other] { $referrals } referrals
} and { $outcomes ->
    [one] { $outcomes } outcome
   *[other] { $outcomes } outcomes
} to the team log { $path }
cli-team-ref-taken = the team log was not written: { $path } already holds another referral { $note }, so this one cannot go there; your own log has the record
