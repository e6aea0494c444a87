# Messages of the commands (stderr, why, check). Owned by the CLI; ids start with cli-.

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
